#pragma once
// A real SMTP server for black-box tests: Debian's python3-aiosmtpd (tests/support/smtp_sink.py)
// on a free loopback port, writing each accepted message to a directory the test reads.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::testing {

struct ReceivedMail {
  std::string raw;
  std::string header(const std::string& name) const {
    // Header names are matched at the start of a line, before the blank line ending the head.
    const std::string head = raw.substr(0, raw.find("\r\n\r\n"));
    std::string key = "\n" + name + ": ";
    std::string hay = "\n" + head;
    auto at = hay.find(key);
    if (at == std::string::npos) return {};
    at += key.size();
    return hay.substr(at, hay.find('\r', at) - at);
  }
};

class SmtpSink {
 public:
  SmtpSink() {
    port_ = free_port();
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string script = std::string(SP_SMTP_SINK_SCRIPT);
      const std::string port = std::to_string(port_);
      ::execl("/usr/bin/python3", "python3", script.c_str(), dir_.string().c_str(), port.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline && !accepting()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  bool started() const { return accepting(); }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Every message received so far, in arrival order.
  std::vector<ReceivedMail> mails() const {
    std::vector<std::pair<int, std::filesystem::path>> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      const std::string name = entry.path().filename().string();
      if (name.size() > 4 && name.ends_with(".eml") && name[0] != '.') {
        files.emplace_back(std::stoi(name), entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    std::vector<ReceivedMail> out;
    for (const auto& [n, path] : files) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back({ss.str()});
    }
    return out;
  }

 private:
  static uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }
  bool accepting() const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
  }

  TempDir dir_{"sp-smtp"};
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace sp::testing
