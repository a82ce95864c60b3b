# Kafka for tests: librdkafka's mock cluster (3 brokers on 127.0.0.1; see sp-kafka-mock), started
# by scripts/kafka-test-cluster in the CTest fixture `kafka` (setup test `kafka_start`, cleanup
# test `kafka_stop`) in <build>/kafkatest. Tests that need it require the fixture and find the
# bootstrap list ("127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3") in the file named by the environment
# variable SP_TEST_KAFKA_BROKERS_FILE. ctest pulls the fixture in even under -R filters.
include_guard(GLOBAL)

function(sp_kafka_brokers_file out_var)
  set(${out_var} ${CMAKE_BINARY_DIR}/kafkatest/brokers PARENT_SCOPE)
endfunction()

# Defines the kafka_start / kafka_stop fixture tests, once per build tree.
function(sp_add_kafka_fixture)
  get_property(defined GLOBAL PROPERTY SP_KAFKA_FIXTURE_DEFINED)
  if(defined)
    return()
  endif()
  set_property(GLOBAL PROPERTY SP_KAFKA_FIXTURE_DEFINED TRUE)
  set(script ${PROJECT_SOURCE_DIR}/scripts/kafka-test-cluster)
  add_test(NAME kafka_start COMMAND ${script} start ${CMAKE_BINARY_DIR}/kafkatest)
  add_test(NAME kafka_stop COMMAND ${script} stop ${CMAKE_BINARY_DIR}/kafkatest)
  set_tests_properties(kafka_start PROPERTIES FIXTURES_SETUP kafka TIMEOUT 60
                       ENVIRONMENT SP_KAFKA_MOCK_BIN=$<TARGET_FILE:sp-kafka-mock>)
  set_tests_properties(kafka_stop PROPERTIES FIXTURES_CLEANUP kafka TIMEOUT 60)
endfunction()

# sp_kafka_test_properties(out_var): FIXTURES_REQUIRED + ENVIRONMENT for a test needing Kafka.
function(sp_kafka_test_properties out_var)
  sp_add_kafka_fixture()
  sp_kafka_brokers_file(brokers)
  set(${out_var} FIXTURES_REQUIRED kafka ENVIRONMENT SP_TEST_KAFKA_BROKERS_FILE=${brokers}
      PARENT_SCOPE)
endfunction()

# sp_discover_tests_with_kafka(target [gtest_discover_tests options except PROPERTIES]).
function(sp_discover_tests_with_kafka target)
  sp_kafka_test_properties(props)
  gtest_discover_tests(${target} DISCOVERY_MODE PRE_TEST ${ARGN} PROPERTIES ${props})
endfunction()
