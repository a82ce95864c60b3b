#pragma once
// libsodium must be initialised once before use; every entry point that calls it does this first.
namespace sp::security::detail {

// Initialises libsodium on first call (thread-safe); throws std::runtime_error if it cannot
// (no usable entropy source): a start-up failure, not an expected one.
void ensure_sodium();

}  // namespace sp::security::detail
