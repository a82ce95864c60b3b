#include "strangeprompt/core/config.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "strangeprompt/core/json_text.hpp"
#include "strangeprompt/core/strings.hpp"

extern char** environ;

namespace sp {
namespace {

constexpr std::string_view kEnvPrefix = "STRANGEPROMPT_";

std::string scalar_text(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (auto i = node.value_exact<int64_t>()) return std::to_string(*i);
  if (auto d = node.value_exact<double>()) {
    std::ostringstream os;
    os << *d;
    return os.str();
  }
  return {};
}

void flatten(const toml::table& table, const std::string& prefix, Config& out) {
  for (const auto& [key, node] : table) {
    std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, name, out);
    } else if (const auto* arr = node.as_array()) {
      std::string joined;
      for (const auto& item : *arr) {
        if (!joined.empty()) joined += ',';
        joined += scalar_text(item);
      }
      out.set(name, joined);
    } else {
      out.set(name, scalar_text(node));
    }
  }
}

// STRANGEPROMPT_HTTP__MAX_BODY_BYTES -> http.max_body_bytes
std::string env_to_key(std::string_view name) {
  std::string rest = to_lower_ascii(name.substr(kEnvPrefix.size()));
  std::string key;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '_' && i + 1 < rest.size() && rest[i + 1] == '_') {
      key.push_back('.');
      ++i;
    } else {
      key.push_back(rest[i]);
    }
  }
  return key;
}

Error bad_value(std::string_view key, std::string_view value, std::string_view expected) {
  std::string message(key);
  message += ": ";
  append_json_string(message, value);
  message += " is not ";
  message += expected;
  return Error::invalid(std::move(message));
}

}  // namespace

Result<Config> Config::from_toml_text(std::string_view text) {
  // Debian builds toml++ with exceptions: a parse failure throws toml::parse_error.
  try {
    toml::table table = toml::parse(text);
    Config config;
    flatten(table, "", config);
    return config;
  } catch (const toml::parse_error& err) {
    std::ostringstream msg;
    msg << "config: " << err.description() << " at line " << err.source().begin.line;
    return Error::invalid(msg.str());
  }
}

Result<Config> Config::load(const std::optional<std::string>& file,
                            const std::map<std::string, std::string>& env) {
  Config config;
  if (file) {
    std::ifstream in(*file);
    if (!in) return Error::invalid("config: cannot read file " + *file);
    std::stringstream buf;
    buf << in.rdbuf();
    SP_ASSIGN_OR_RETURN(config, from_toml_text(buf.str()));
  }
  for (const auto& [name, value] : env) {
    if (name.size() > kEnvPrefix.size() && name.compare(0, kEnvPrefix.size(), kEnvPrefix) == 0) {
      config.set(env_to_key(name), value);
    }
  }
  return config;
}

std::map<std::string, std::string> Config::process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

std::string Config::get(std::string_view key, std::string_view fallback) const {
  auto it = values_.find(key);
  return it == values_.end() ? std::string(fallback) : it->second;
}

Result<int64_t> Config::get_int(std::string_view key, int64_t fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  int64_t v = 0;
  const std::string& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return bad_value(key, s, "an integer");
  return v;
}

Result<double> Config::get_double(std::string_view key, double fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) {
    return bad_value(key, s, "a number");
  }
  return v;
}

Result<bool> Config::get_bool(std::string_view key, bool fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  std::string v = to_lower_ascii(it->second);
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  return bad_value(key, it->second, "a boolean (true or false)");
}

std::vector<std::string> Config::get_list(std::string_view key) const {
  std::vector<std::string> out;
  auto it = values_.find(key);
  if (it == values_.end() || it->second.empty()) return out;
  for (auto& part : split(it->second, ',')) {
    auto t = trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

Result<std::optional<std::string>> Config::secret(std::string_view key) const {
  auto it = values_.find(key);
  if (it != values_.end() && !it->second.empty()) return std::optional<std::string>(it->second);
  const std::string file_key = std::string(key) + "_file";
  auto file = values_.find(file_key);
  if (file == values_.end() || file->second.empty()) return std::optional<std::string>();
  std::ifstream in(file->second);
  std::stringstream buf;
  if (in) buf << in.rdbuf();
  if (!in || in.bad()) {
    return Error::invalid(file_key + ": cannot read the secret file \"" + file->second + "\"");
  }
  std::string value(trim(buf.str()));
  if (value.empty()) {
    return Error::invalid(file_key + ": the secret file \"" + file->second + "\" is empty");
  }
  return std::optional<std::string>(std::move(value));
}

std::vector<std::pair<std::string, std::string>> Config::redacted() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : values_) {
    bool secret = k.find("secret") != std::string::npos ||
                  k.find("password") != std::string::npos || k.find("key") != std::string::npos ||
                  k.find("dsn") != std::string::npos;
    out.emplace_back(k, secret ? "***" : v);
  }
  return out;
}

}  // namespace sp
