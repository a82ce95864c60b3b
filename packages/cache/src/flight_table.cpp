#include "flight_table.hpp"

#include "strangeprompt/cache/cache.hpp"

namespace sp::cache {
namespace detail {

FlightTable::Ticket FlightTable::join(std::string_view key) {
  std::lock_guard lock(mu_);
  if (auto it = flights_.find(key); it != flights_.end()) return {false, it->second.outcome};
  Flight flight;
  flight.outcome = flight.promise.get_future().share();
  auto outcome = flight.outcome;
  flights_.emplace(std::string(key), std::move(flight));
  return {true, std::move(outcome)};
}

void FlightTable::finish(std::string_view key, Outcome outcome) {
  std::promise<Outcome> promise;
  {
    std::lock_guard lock(mu_);
    auto it = flights_.find(key);
    if (it == flights_.end()) return;
    promise = std::move(it->second.promise);
    flights_.erase(it);
  }
  promise.set_value(std::move(outcome));
}

}  // namespace detail

Cache::Cache() : flights_(std::make_unique<detail::FlightTable>()) {}
Cache::~Cache() = default;

Result<std::string> Cache::get_or_load(std::string_view key, std::chrono::milliseconds ttl,
                                       const Loader& loader) {
  if (auto hit = get(key)) return std::move(*hit);
  auto ticket = flights_->join(key);
  if (!ticket.leader) return ticket.outcome.get();
  // A flight that finished between our miss and our join has filled the cache already.
  if (auto hit = get(key)) {
    flights_->finish(key, *hit);
    return std::move(*hit);
  }
  Result<std::string> loaded = Error::internal_error("cache loader threw");
  try {
    loaded = load_as_leader(key, ttl, loader);
  } catch (...) {
    flights_->finish(key, loaded);  // followers must not wait forever on a bug
    throw;
  }
  flights_->finish(key, loaded);
  return loaded;
}

Result<std::string> Cache::load_as_leader(std::string_view key, std::chrono::milliseconds ttl,
                                          const Loader& loader) {
  Result<std::string> loaded = loader();
  if (loaded.ok()) (void)set(key, *loaded, ttl);  // a failed set only costs a later reload
  return loaded;
}

}  // namespace sp::cache
