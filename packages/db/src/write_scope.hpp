#pragma once
// Marks the current thread as inside Database::transact of one database, so that a nested
// execute/transact on the same database fails fast instead of deadlocking on its own writer.
namespace sp::db {

class WriteScope {
 public:
  explicit WriteScope(const void* database);
  ~WriteScope();
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;

  // True when this thread is inside transact of `database`.
  static bool active(const void* database);

 private:
  const void* database_;
};

}  // namespace sp::db
