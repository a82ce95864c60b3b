#include "strangeprompt/core/settings.hpp"

#include <algorithm>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/json_text.hpp"

namespace sp {
namespace {

std::string out_of_range(std::string_view key, int64_t value, int64_t min, int64_t max) {
  return std::string(key) + ": " + std::to_string(value) + " is out of range [" +
         std::to_string(min) + ", " + std::to_string(max) + "]";
}

}  // namespace

bool SettingsReader::has(std::string_view key) const {
  return config_.has(key);
}

void SettingsReader::record(const Error& error) {
  add(error.message);
}

void SettingsReader::reject(std::string_view key, std::string_view message) {
  add(std::string(key) + ": " + std::string(message));
}

void SettingsReader::add(std::string problem) {
  // Two readers of one key (the process and a service) report its problem once.
  if (std::find(problems_.begin(), problems_.end(), problem) != problems_.end()) return;
  problems_.push_back(std::move(problem));
}

std::string SettingsReader::text(std::string_view key, std::string_view fallback) {
  return config_.get(key, fallback);
}

std::string SettingsReader::required_text(std::string_view key, std::string_view fallback) {
  std::string value = config_.get(key, fallback);
  if (value.empty()) {
    reject(key, "must not be empty");
    return std::string(fallback);
  }
  return value;
}

int64_t SettingsReader::integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) {
  Result<int64_t> value = config_.get_int(key, fallback);
  if (!value.ok()) {
    record(value.error());
    return fallback;
  }
  if (*value < min || *value > max) {
    add(out_of_range(key, *value, min, max));
    return fallback;
  }
  return *value;
}

std::size_t SettingsReader::size(std::string_view key, std::size_t fallback, std::size_t min,
                                 std::size_t max) {
  const auto limit = static_cast<std::size_t>(std::numeric_limits<int64_t>::max());
  return static_cast<std::size_t>(integer(key, static_cast<int64_t>(fallback),
                                          static_cast<int64_t>(std::min(min, limit)),
                                          static_cast<int64_t>(std::min(max, limit))));
}

bool SettingsReader::boolean(std::string_view key, bool fallback) {
  Result<bool> value = config_.get_bool(key, fallback);
  if (!value.ok()) {
    record(value.error());
    return fallback;
  }
  return *value;
}

std::chrono::milliseconds SettingsReader::millis(std::string_view key,
                                                 std::chrono::milliseconds fallback,
                                                 std::chrono::milliseconds min,
                                                 std::chrono::milliseconds max) {
  return std::chrono::milliseconds(integer(key, fallback.count(), min.count(), max.count()));
}

std::chrono::seconds SettingsReader::seconds(std::string_view key, std::chrono::seconds fallback,
                                             std::chrono::seconds min, std::chrono::seconds max) {
  return std::chrono::seconds(integer(key, fallback.count(), min.count(), max.count()));
}

std::string SettingsReader::one_of(std::string_view key, std::string_view fallback,
                                   const std::vector<std::string_view>& allowed) {
  std::string value = config_.get(key, fallback);
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
  std::string message(key);
  message += ": ";
  append_json_string(message, value);
  message += " is not one of ";
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) message += ", ";
    message += allowed[i];
  }
  add(std::move(message));
  return std::string(fallback);
}

std::vector<std::string> SettingsReader::list(std::string_view key,
                                              std::vector<std::string> fallback) {
  if (!config_.has(key)) return fallback;
  return config_.get_list(key);
}

std::optional<std::string> SettingsReader::secret(std::string_view key) {
  Result<std::optional<std::string>> value = config_.secret(key);
  if (!value.ok()) {
    record(value.error());
    return std::nullopt;
  }
  return *value;
}

Status SettingsReader::status() const {
  if (problems_.empty()) return ok_status();
  std::string message = "bad settings: ";
  for (std::size_t i = 0; i < problems_.size(); ++i) {
    if (i > 0) message += "; ";
    message += problems_[i];
  }
  return Error::invalid(std::move(message));
}

}  // namespace sp
