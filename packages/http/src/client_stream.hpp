#pragma once
// HttpClient::open(): one exchange whose text/event-stream body is handed to a sink as it arrives.
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <future>
#include <memory>

#include "client_exchange.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::http {

// Connects `c`, writes the request, reads the head (all under spec's deadlines). An event stream:
// `head` gets status and headers, then the body goes to `sink` with no deadline until the peer
// closes, a read fails or the connection is closed under it (cancel). Anything else: read whole
// (within max_response_bytes) into `head`. `head` is set exactly once; spec's views are not used
// after it is set. A live answer's `call` comes from make_call.
boost::asio::awaitable<void> stream_exchange(
    ExchangeSpec spec, std::shared_ptr<ClientConnection> c,
    std::shared_ptr<std::promise<Result<StreamedResponse>>> head, BodySink sink,
    std::function<std::shared_ptr<StreamingCall>()> make_call);

}  // namespace sp::http
