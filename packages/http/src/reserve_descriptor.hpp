#pragma once
// One file descriptor kept in reserve so that, when accept() fails for lack of descriptors, the
// waiting client can still be accepted and closed at once instead of hanging in the backlog.
namespace sp::http {

class ReserveDescriptor {
 public:
  ReserveDescriptor();  // opens /dev/null
  ~ReserveDescriptor();
  ReserveDescriptor(const ReserveDescriptor&) = delete;
  ReserveDescriptor& operator=(const ReserveDescriptor&) = delete;

  // Frees the reserve, accepts one pending connection on `listener` (non-blocking) and closes
  // it, then takes the reserve back. False when there was no reserve or nothing was pending.
  bool shed_one(int listener);

 private:
  int fd_ = -1;
};

}  // namespace sp::http
