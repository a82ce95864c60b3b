#pragma once
// What the gateway adds, drops and rewrites on the way to an upstream and back (pure).
#include <string>
#include <string_view>

#include "strangeprompt/http/client_address.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::gateway {

// Hop-by-hop fields (RFC 9110 §7.6.1): Connection, Keep-Alive, Proxy-Connection, TE, Trailer,
// Transfer-Encoding, Upgrade, Proxy-Authenticate, Proxy-Authorization and any field the
// Connection header names. They describe one connection and are never forwarded.
bool is_hop_by_hop(std::string_view name, const http::Headers& headers);

// The client's address as the edge sees it: the TCP peer, or, when the peer is one of `trusted`
// (gateway.trusted_proxies), the client its X-Forwarded-For names (http::client_address).
std::string edge_client_address(const http::Request& request, const http::TrustedProxies& trusted);

// The upstream request's headers: the client's minus hop-by-hop fields and Host/Content-Length
// (the client writes them), plus
//   x-request-id       the request's id (the one the gateway logs and answers with)
//   traceparent        00-<the request's trace id>-<span_id>-<incoming flags, else 01>
//   x-forwarded-for    a trusted peer's list with the peer appended; otherwise only the peer
//   x-forwarded-proto  a trusted peer's value; otherwise http or https as the request arrived
//   x-forwarded-host   a trusted peer's value; otherwise the request's Host
// `span_id` is 16 lower-case hex digits.
http::Headers upstream_request_headers(const http::Request& request,
                                       const http::TrustedProxies& trusted,
                                       std::string_view span_id);

// The upstream answer's headers as the gateway passes them on: minus hop-by-hop fields and the
// ones the gateway's server writes itself (Content-Length, Date, Server, x-request-id,
// traceparent).
http::Headers downstream_response_headers(http::Headers upstream);

}  // namespace sp::gateway
