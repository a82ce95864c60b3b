#include "logic/api_keys.hpp"

#include <algorithm>

#include "logic/audit_trail.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/security/api_key.hpp"
#include "strangeprompt/security/scopes.hpp"

namespace sp::auth {
namespace {

Error invalid_field(std::string field, std::string message) {
  Error e = Error::invalid("invalid API key request");
  e.fields.push_back({std::move(field), std::move(message)});
  return e;
}

bool holds(const std::vector<std::string>& scopes, std::string_view scope) {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

bool is_active(const ApiKey& key, int64_t now_ms) {
  return !key.revoked_at_ms && (!key.expires_at_ms || now_ms < *key.expires_at_ms);
}

}  // namespace

Status ApiKeys::validate(const User& owner, const NewApiKeyRequest& request) const {
  const std::string_view name = trim(request.name);
  if (name.empty() || name.size() > kMaxNameBytes) {
    return invalid_field("name", "must be 1 to 100 characters");
  }
  for (const std::string& scope : request.scopes) {
    if (!security::is_known_scope(scope)) return invalid_field("scopes", "unknown scope " + scope);
    if (!holds(owner.scopes, scope)) {
      Error e = Error::forbidden("an API key cannot have a scope its owner lacks");
      e.fields.push_back({"scopes", "not granted to you: " + scope});
      return e;
    }
  }
  if (request.expires_at_ms && *request.expires_at_ms <= ctx_.now_ms()) {
    return invalid_field("expiresAt", "must be in the future");
  }
  return ok_status();
}

Result<CreatedApiKey> ApiKeys::create(int64_t user_id, const NewApiKeyRequest& request,
                                      const ClientInfo& client) {
  SP_ASSIGN_OR_RETURN(auto owner, ctx_.store.find_user(user_id));
  if (!owner) return Error::unauthenticated("account no longer exists");
  SP_TRY(validate(*owner, request));
  SP_ASSIGN_OR_RETURN(auto existing, list(user_id));
  const int64_t now = ctx_.now_ms();
  if (std::count_if(existing.begin(), existing.end(), [&](const ApiKey& k) {
        return is_active(k, now);
      }) >= static_cast<std::ptrdiff_t>(kMaxActiveKeys)) {
    return Error{ErrorCode::kUnprocessable, "too many active API keys; revoke one first"};
  }
  security::NewApiKey fresh = security::generate_api_key();
  std::vector<std::string> scopes = request.scopes;
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  CreatedApiKey created{.key = {.id = ctx_.ids.next(),
                                .user_id = user_id,
                                .name = std::string(trim(request.name)),
                                .prefix = fresh.visible_prefix,
                                .secret_hash = fresh.hash,
                                .scopes = std::move(scopes),
                                .created_at_ms = now,
                                .expires_at_ms = request.expires_at_ms,
                                .last_used_at_ms = std::nullopt,
                                .revoked_at_ms = std::nullopt},
                        .secret = std::move(fresh.key)};
  const auto store_key = [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    SP_TRY(tx.insert_api_key(created.key));
    return audit.record(audit::kApiKeyCreate, Outcome::kSuccess, user_id, created.key.prefix);
  };
  SP_TRY(transact_audited(ctx_, client, store_key));
  return created;
}

Result<std::vector<ApiKey>> ApiKeys::list(int64_t user_id) {
  return ctx_.store.api_keys_of(user_id);
}

Status ApiKeys::revoke(int64_t user_id, int64_t key_id, const ClientInfo& client) {
  return transact_audited(ctx_, client, [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    SP_ASSIGN_OR_RETURN(bool revoked, tx.revoke_api_key(user_id, key_id, ctx_.now_ms()));
    if (!revoked) return Error::not_found("no such API key");
    return audit.record(audit::kApiKeyRevoke, Outcome::kSuccess, user_id, id_to_string(key_id));
  });
}

Result<ApiKeyIdentity> ApiKeys::authenticate(std::string_view key) {
  const Error invalid = Error::unauthenticated("invalid API key");
  if (!security::parse_api_key(key)) return invalid;
  SP_ASSIGN_OR_RETURN(auto found, ctx_.store.find_api_key(security::api_key_hash(key)));
  const int64_t now = ctx_.now_ms();
  if (!found || !is_active(*found, now)) return invalid;
  SP_ASSIGN_OR_RETURN(auto owner, ctx_.store.find_user(found->user_id));
  if (!owner) return invalid;
  ApiKeyIdentity identity{.user_id = owner->id,
                          .key_id = found->id,
                          .scopes = {},
                          .expires_at_ms = found->expires_at_ms};
  for (const auto& scope : found->scopes) {
    if (holds(owner->scopes, scope)) identity.scopes.push_back(scope);
  }
  if (!found->last_used_at_ms || now - *found->last_used_at_ms >= kLastUsedResolutionMs) {
    if (Status touched = ctx_.store.touch_api_key(found->id, now); !touched.ok()) {
      log_warn("auth", "api key last-used update failed", {{"key_id", found->id}});
    }
  }
  return identity;
}

}  // namespace sp::auth
