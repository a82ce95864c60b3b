#pragma once
// Cursor paging for every list endpoint: ?limit= (default 20, 1..100) and ?cursor=, answered as
// {"items":[...],"next":"<cursor>"|null}. A cursor carries the sort keys of the last row shown
// (e.g. created_at and id) and is HMAC-signed for one list, so a forged, truncated or edited
// cursor, or one minted for another list, is a 400 naming `cursor`, never a wrong page.
//
// The key: configure the secret `http.cursor_key` (or `http.cursor_key_file`), the same on every
// replica. Without one each process draws a random key, and cursors stop working when it
// restarts or when a request lands on another replica (clients then get a 400 and start over).
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::http {

// One sort key of a cursor; the types round-trip exactly (doubles bit for bit).
using CursorKey = std::variant<int64_t, double, std::string>;
// The type of each key a list's cursors carry (CursorKey's alternatives, in order).
enum class CursorKind { kInt = 0, kDouble = 1, kString = 2 };

struct PageRequest {
  std::size_t limit = 20;
  std::vector<CursorKey> after;  // keys of the last row of the previous page; empty: first page
};

class Pager {
 public:
  static constexpr std::size_t kDefaultLimit = 20;
  static constexpr std::size_t kMaxLimit = 100;
  static constexpr std::size_t kMinKeyBytes = 16;

  // Throws std::invalid_argument for a key shorter than kMinKeyBytes (a start-up error).
  explicit Pager(std::string key);
  // A random per-process key (see above for what that costs).
  static Pager with_random_key();
  // `secret` (e.g. Config::secret("http.cursor_key")) when set, else a random key with a warning
  // in the log.
  static Pager from_secret(const std::optional<std::string>& secret);

  // ?limit= and ?cursor= of a request for `list`: a name that changes whenever the list's
  // filter or order does ("gallery.feed.hot", "auth.sessions"). A cursor must carry keys of
  // `shape` (e.g. {kInt, kInt} for (created_at, id)), so std::get on page.after is safe; an empty
  // shape accepts any. kInvalidArgument with fields `limit` and/or `cursor` when they are junk.
  Result<PageRequest> read(const Request& request, std::string_view list,
                           std::initializer_list<CursorKind> shape = {}) const;

  // The opaque cursor of the page after the row with these keys.
  std::string cursor(std::string_view list, const std::vector<CursorKey>& keys) const;
  // The keys a cursor carries; nullopt when it was not signed by this key for `list`.
  std::optional<std::vector<CursorKey>> open(std::string_view list, std::string_view cursor) const;

  // The answer for `rows` fetched with LIMIT page.limit + 1 after page.after: the first
  // page.limit rows through `render` (Row -> JSON text), and a next cursor from `keys_of` (Row ->
  // std::vector<CursorKey>) of the last one shown when there were more.
  template <class Row, class Render, class KeysOf>
  std::string page(std::string_view list, const PageRequest& page, const std::vector<Row>& rows,
                   Render render, KeysOf keys_of) const {
    const std::size_t shown = std::min(rows.size(), page.limit);
    std::vector<std::string> items;
    items.reserve(shown);
    for (std::size_t i = 0; i < shown; ++i) items.push_back(render(rows[i]));
    std::optional<std::string> next;
    if (rows.size() > shown && shown > 0) next = cursor(list, keys_of(rows[shown - 1]));
    return item_list(items, next);
  }

 private:
  std::string mac(std::string_view list, std::string_view keys) const;
  std::string key_;
};

}  // namespace sp::http
