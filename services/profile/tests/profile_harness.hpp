#pragma once
// The profile flows over a scratch database (SQLite or the test PostgreSQL) with a manual clock,
// and a look into the outbox.
#include <memory>
#include <string>
#include <vector>

#include "logic/follow_graph.hpp"
#include "logic/preference_book.hpp"
#include "logic/profiles.hpp"
#include "store/profile_store.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::profile::testing {

class ProfileHarness {
 public:
  explicit ProfileHarness(std::string_view backend = "sqlite") {
    auto scratch = db::testing::ScratchDatabase::create(backend);
    if (!scratch.ok()) throw std::runtime_error(scratch.error().message);
    scratch_ = std::move(*scratch);
    if (!migrate_profile_store(scratch_->db()).ok() ||
        !events::Outbox::ensure_schema(scratch_->db()).ok()) {
      throw std::runtime_error("profile migrations failed");
    }
    store_ = std::make_unique<ProfileStore>(scratch_->db());
    ctx_ = std::make_unique<ProfileContext>(ProfileContext{*store_, clock_, ids_});
    profiles_ = std::make_unique<ProfileDirectory>(*ctx_);
    graph_ = std::make_unique<FollowGraph>(*ctx_);
    preferences_ = std::make_unique<PreferenceBook>(*ctx_);
  }

  ProfileDirectory& profiles() { return *profiles_; }
  FollowGraph& graph() { return *graph_; }
  PreferenceBook& preferences() { return *preferences_; }
  ManualClock& clock() { return clock_; }

  // Creates the profile as user.signup would; returns its id.
  int64_t user(int64_t id, const std::string& handle) {
    if (!profiles_->on_signup(id, handle, clock_.now_ms()).ok()) return 0;
    return id;
  }
  Profile profile(int64_t id) { return store_->reads().find_by_id(id)->value_or(Profile{}); }
  // The payloads (envelope JSON) of the events waiting in the outbox, oldest first.
  std::vector<std::string> outbox_payloads() {
    auto rows = scratch_->db().query("SELECT payload FROM event_outbox ORDER BY id");
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const auto& row : *rows) out.push_back(row.get_text(0));
    }
    return out;
  }
  // How many events on `topic` wait in the outbox.
  int64_t outbox(std::string_view topic) {
    auto rows = scratch_->db().query("SELECT COUNT(*) FROM event_outbox WHERE topic = ?", {topic});
    return rows.ok() && !rows->empty() ? (*rows)[0].get_int(0) : -1;
  }

 private:
  ManualClock clock_;
  IdGenerator ids_{clock_};
  std::unique_ptr<db::testing::ScratchDatabase> scratch_;
  std::unique_ptr<ProfileStore> store_;
  std::unique_ptr<ProfileContext> ctx_;
  std::unique_ptr<ProfileDirectory> profiles_;
  std::unique_ptr<FollowGraph> graph_;
  std::unique_ptr<PreferenceBook> preferences_;
};

}  // namespace sp::profile::testing
