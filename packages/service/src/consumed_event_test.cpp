#include "strangeprompt/service/consumed_event.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/events/envelope.hpp"

namespace sp::service {
namespace {

events::Record record_of(std::string payload) {
  events::Record r;
  r.topic = "user.signup";
  r.offset = 7;
  r.payload = std::move(payload);
  return r;
}

std::string envelope_with(std::string data_json) {
  events::Envelope e{.id = "ev-1",
                     .type = "user.signup",
                     .occurred_at_ms = 1'700'000'000'000,
                     .key = "42",
                     .data_json = std::move(data_json)};
  return e.to_json().value();
}

TEST(ConsumedEvent, ReadsTheEnvelopeAndTheDataFields) {
  auto r = record_of(envelope_with(R"({"userId":"42","handle":"ann","newerField":1})"));
  auto event = read_event("test", r);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->id, "ev-1");
  EXPECT_EQ(event->occurred_at_ms, 1'700'000'000'000);
  EXPECT_EQ(event->data.required_id("userId"), 42);
  EXPECT_EQ(event->data.required_string("handle"), "ann");
  EXPECT_TRUE(valid("test", r, event->data)) << "an unknown member is a newer producer's field";
}

TEST(ConsumedEvent, AnInvalidOrMissingReadFieldMakesTheEventInvalid) {
  auto r = record_of(envelope_with(R"({"userId":42})"));
  auto event = read_event("test", r);
  ASSERT_TRUE(event);
  (void)event->data.required_id("userId");  // ids travel as strings
  (void)event->data.required_string("handle");
  EXPECT_FALSE(valid("test", r, event->data));
}

TEST(ConsumedEvent, AMalformedRecordIsNotAnEvent) {
  EXPECT_FALSE(read_event("test", record_of("not json")));
  EXPECT_FALSE(read_event("test", record_of(R"({"id":"x"})")));
}

}  // namespace
}  // namespace sp::service
