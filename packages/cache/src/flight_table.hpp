#pragma once
// Single-flight bookkeeping for Cache::get_or_load: one in-progress load per key; late arrivals
// wait for its result instead of calling the loader themselves.
#include <future>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "strangeprompt/core/result.hpp"
#include "string_key.hpp"

namespace sp::cache::detail {

class FlightTable {
 public:
  using Outcome = Result<std::string>;

  struct Ticket {
    bool leader = false;                  // true: the caller must load and then finish()
    std::shared_future<Outcome> outcome;  // what followers wait on
  };

  // Joins the flight for `key`, starting one (as leader) when none is in progress.
  Ticket join(std::string_view key);
  // Ends the leader's flight: publishes `outcome` to its followers and forgets the key.
  void finish(std::string_view key, Outcome outcome);

 private:
  struct Flight {
    std::promise<Outcome> promise;
    std::shared_future<Outcome> outcome;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Flight, StringHash, std::equal_to<>> flights_;  // guarded by mu_
};

}  // namespace sp::cache::detail
