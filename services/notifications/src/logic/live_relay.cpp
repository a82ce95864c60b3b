#include "logic/live_relay.hpp"

#include <charconv>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::notifications {

std::vector<std::string> encode_live_messages(std::string_view origin,
                                              const std::vector<int64_t>& users) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < users.size(); i += kMaxUsersPerMessage) {
    std::string m(origin);
    m += ' ';
    const std::size_t end = std::min(users.size(), i + kMaxUsersPerMessage);
    for (std::size_t j = i; j < end; ++j) {
      if (j > i) m += ',';
      m += std::to_string(users[j]);
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<LiveMessage> decode_live_message(std::string_view message) {
  const auto space = message.find(' ');
  if (space == std::string_view::npos || space == 0) return std::nullopt;
  LiveMessage out{.origin = std::string(message.substr(0, space)), .users = {}};
  std::string_view rest = message.substr(space + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view id = rest.substr(0, comma);
    int64_t v = 0;
    auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
    if (ec != std::errc() || end != id.data() + id.size() || v <= 0) return std::nullopt;
    out.users.push_back(v);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
    if (rest.empty()) return std::nullopt;  // a trailing comma
  }
  if (out.users.empty()) return std::nullopt;
  return out;
}

LiveRelay::LiveRelay(LiveHub& hub, cache::PubSub& bus)
    : hub_(hub), bus_(bus), origin_(security::random_token(12)) {
  // Live again after Redis was away: signals published meanwhile were lost, so every open
  // stream reads what is new now rather than at its next catch-up.
  subscription_ = bus_.subscribe(
      std::string(kLiveChannel), [this](std::string_view message) { receive(message); },
      [this] { hub_.signal_all(); });
  hub_.set_forwarder([this](const std::vector<int64_t>& users) { forward(users); });
}

LiveRelay::~LiveRelay() {
  hub_.set_forwarder({});
  subscription_.reset();
}

void LiveRelay::forward(const std::vector<int64_t>& users) {
  for (const std::string& m : encode_live_messages(origin_, users)) {
    // Not delivered (Redis down): the other replicas' catch-up reads the rows instead. Counted
    // in sp_redis_command_errors_total{use="pubsub"}; not logged per signal.
    (void)bus_.publish(kLiveChannel, m);
  }
}

void LiveRelay::receive(std::string_view message) {
  auto m = decode_live_message(message);
  if (!m) {
    log_warn("notifications", "ignored a malformed live signal");
    return;
  }
  if (m->origin == origin_) return;  // ours: our streams were signalled before publishing
  for (int64_t user : m->users) hub_.signal(user);
}

}  // namespace sp::notifications
