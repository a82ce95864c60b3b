#pragma once
// The profile service: profiles, the follow graph, blocks and preferences under /v1/profiles.
// It learns about users from auth's events (user.signup, user.deleted) and never reads auth's
// tables.
#include <memory>

#include "strangeprompt/service/service.hpp"

namespace sp::profile {

class ProfileService : public service::Service {};

std::unique_ptr<ProfileService> make_profile_service(const service::ServiceEnv& env);

}  // namespace sp::profile
