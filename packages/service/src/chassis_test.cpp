// The chassis under a tiny fake service: what every real service gets from it.
#include "strangeprompt/service/chassis.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::service {
namespace {

using namespace std::chrono_literals;
using testing::eventually;

Result<int> migrate_notes(db::Database& db) {
  static const std::vector<db::MigrationFile> files{
      {"001_notes.sql", "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL);\n"}};
  return db::migrate(db, "notes", files);
}

// A whole service in a few lines: settings, a runtime built in start(), a consumer, periodic
// work, a gated route and the database readiness check.
class NotesService final : public Service {
 public:
  explicit NotesService(const ServiceEnv& env)
      : chassis_(env, "notes", migrate_notes, [this](SettingsReader& s) {
          greeting_ = s.text("notes.greeting", "hello");
          tick_ = s.millis("notes.tick_ms", 1h, 1ms);
        }) {}

  std::string_view name() const override { return chassis_.name(); }
  void read_settings(SettingsReader& settings) override { chassis_.read_settings(settings); }
  Result<int> migrate() override { return chassis_.migrate(); }
  Status start() override {
    return chassis_.start([this]() -> Status {
      chassis_.consume("notes.signups.v1", "user.signup", [this](const events::Record& r) {
        std::lock_guard lock(mu_);
        seen_.push_back(r.payload);
        return ok_status();
      });
      chassis_.every("notes.tick", tick_, [this] { ++ticks_; });
      return ok_status();
    });
  }
  void register_routes(http::Router& router) override {
    router.add(http::Method::kGet, "/v1/notes", chassis_.gated([this](http::Request&) {
      return http::Response::json(200, "{\"greeting\":\"" + greeting_ + "\"}");
    }));
  }
  std::vector<ReadinessCheck> readiness() const override { return {chassis_.database_check()}; }
  void stop() override { chassis_.stop(); }

  std::vector<std::string> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }
  int ticks() const { return ticks_.load(); }
  Chassis& chassis() { return chassis_; }

 private:
  std::string greeting_;
  std::chrono::milliseconds tick_{};
  std::mutex mu_;
  std::vector<std::string> seen_;  // guarded by mu_
  std::atomic<int> ticks_{0};
  Chassis chassis_;  // last: stops the background work before the members it uses go
};

class ChassisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = events::EventLog::open(
        {.backend = "embedded", .path = dir_.file("events.db"), .clock = &clock_});
    ASSERT_TRUE(log.ok());
    log_ = std::move(log).value();
  }
  std::unique_ptr<NotesService> make(events::EventLog* log) {
    return std::make_unique<NotesService>(ServiceEnv{.config = config_,
                                                     .clock = clock_,
                                                     .data_dir = dir_.path().string(),
                                                     .metrics = nullptr,
                                                     .event_log = log});
  }
  http::Response get(http::Router& router) {
    http::Request request;
    request.path = "/v1/notes";
    auto match = router.match(http::Method::kGet, request.path);
    return match.route->handler(request);
  }

  testing::TempDir dir_{"sp-chassis"};
  Config config_;
  ManualClock clock_;
  std::unique_ptr<events::EventLog> log_;
};

TEST_F(ChassisTest, MigrateAppliesTheServiceMigrationsAndTheOutboxTable) {
  auto service = make(log_.get());
  EXPECT_EQ(service->migrate().value_or(-1), 1);
  EXPECT_EQ(service->migrate().value_or(-1), 0);
  auto& db = service->chassis().database();
  EXPECT_TRUE(db.query("SELECT count(*) FROM notes").ok());
  EXPECT_TRUE(db.query("SELECT count(*) FROM event_outbox").ok());
}

TEST_F(ChassisTest, GateAndReadinessOpenOnlyAfterStart) {
  auto service = make(log_.get());
  http::Router router;
  service->register_routes(router);
  auto before = get(router);
  EXPECT_EQ(before.status, 503);
  EXPECT_NE(before.body.find("notes is starting"), std::string::npos) << before.body;
  auto checks = service->readiness();
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].name, "notes.database");
  EXPECT_FALSE(checks[0].check().ok());

  ASSERT_TRUE(service->start().ok());
  EXPECT_EQ(get(router).status, 200);
  EXPECT_TRUE(checks[0].check().ok());

  service->stop();
  EXPECT_EQ(get(router).status, 503);
}

TEST_F(ChassisTest, ConsumerLagIsAGaugePerGroup) {
  metrics::Metrics metrics;
  auto service = std::make_unique<NotesService>(ServiceEnv{.config = config_,
                                                           .clock = clock_,
                                                           .data_dir = dir_.path().string(),
                                                           .metrics = &metrics,
                                                           .event_log = log_.get()});
  ASSERT_TRUE(log_->append("user.signup", "1", "ada").ok());
  ASSERT_TRUE(log_->append("user.signup", "2", "bob").ok());
  const std::string series =
      "sp_events_consumer_lag{group=\"notes.signups.v1\",topic=\"user.signup\"} ";
  ASSERT_TRUE(service->start().ok());
  EXPECT_TRUE(eventually([&] {
    return metrics.render().find(series + "0\n") != std::string::npos;
  })) << metrics.render();
  service->stop();
  ASSERT_TRUE(log_->append("user.signup", "3", "cy").ok());
  EXPECT_NE(metrics.render().find(series + "1\n"), std::string::npos) << metrics.render();
  service.reset();  // the gauge outlives the consumer without dangling
  EXPECT_NE(metrics.render().find(series + "-1\n"), std::string::npos) << metrics.render();
}

TEST_F(ChassisTest, ADeclaredConsumerReceivesEvents) {
  auto service = make(log_.get());
  ASSERT_TRUE(service->start().ok());
  ASSERT_TRUE(log_->append("user.signup", "1", "ada").ok());
  EXPECT_TRUE(eventually([&] { return service->seen() == std::vector<std::string>{"ada"}; }));
  EXPECT_TRUE(eventually(
      [&] { return log_->committed("notes.signups.v1", "user.signup").value_or(-1) == 1; }));
}

TEST_F(ChassisTest, TheOutboxRelayMovesCommittedEventsToTheLog) {
  auto service = make(log_.get());
  ASSERT_TRUE(service->start().ok());
  events::Envelope e{.id = "n1", .type = "notes.added", .occurred_at_ms = 1, .key = "1"};
  ASSERT_TRUE(service->chassis()
                  .database()
                  .transact([&](db::Session& tx) { return events::Outbox::enqueue(tx, e); })
                  .ok());
  EXPECT_TRUE(eventually([&] { return log_->end_offset("notes.added").value_or(0) == 1; }));
}

TEST_F(ChassisTest, EveryRunsAtOnceAndStopDoesNotWaitOutThePeriod) {
  auto service = make(log_.get());  // notes.tick_ms defaults to an hour
  ASSERT_TRUE(service->start().ok());
  ASSERT_TRUE(eventually([&] { return service->ticks() == 1; }));
  auto stopped = std::async(std::launch::async, [&] { service->stop(); });
  EXPECT_EQ(stopped.wait_for(30s), std::future_status::ready);
  EXPECT_EQ(service->ticks(), 1);
}

TEST_F(ChassisTest, WithoutASharedLogItOpensTheConfiguredOne) {
  auto service = make(nullptr);
  ASSERT_TRUE(service->start().ok());
  ASSERT_TRUE(service->chassis().event_log().append("user.signup", "1", "bob").ok());
  EXPECT_TRUE(eventually([&] { return service->seen() == std::vector<std::string>{"bob"}; }));
  EXPECT_TRUE(std::filesystem::exists(dir_.file("events.db")));
}

TEST_F(ChassisTest, BadSettingsFailStartNamingEveryKey) {
  config_.set("db.pool_size", "many");
  config_.set("notes.tick_ms", "soon");
  auto service = make(log_.get());
  Status s = service->start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("db.pool_size"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("notes.tick_ms"), std::string::npos) << s.error().message;
  EXPECT_FALSE(service->chassis().started());
}

TEST_F(ChassisTest, PerServiceDatabaseKeysBeatTheGlobalOnes) {
  config_.set("db.pool_size", "many");  // would be a problem if read
  config_.set("notes.db.pool_size", "2");
  SettingsReader settings(config_);
  auto service = make(log_.get());
  service->read_settings(settings);
  EXPECT_TRUE(settings.ok()) << settings.status().error().message;
}

}  // namespace
}  // namespace sp::service
