#include "source/input.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <istream>
#include <nlohmann/json.hpp>
#include <streambuf>

#include "source/mail_sources.h"
#include "source/text_sources.h"

namespace foco {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

std::string Lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// JSON Lines when named so, or when the first non-blank line is a JSON object.
bool LooksLikeJsonLines(const std::string& head, const std::string& name) {
  std::string lower = Lowercase(name);
  if (EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson")) return true;
  std::size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || head[start] != '{') return false;
  std::size_t end = head.find('\n', start);
  if (end == std::string::npos) end = head.size();
  nlohmann::json first = nlohmann::json::parse(head.substr(start, end - start), nullptr, false);
  return !first.is_discarded() && first.is_object();
}

bool LooksBinary(const std::string& head) { return head.find('\0') != std::string::npos; }

// An istream over bytes already read followed by the rest of a file descriptor.
class PrefixedFdBuffer : public std::streambuf {
 public:
  PrefixedFdBuffer(std::string prefix, int fd) : buffer_(std::move(prefix)), fd_(fd) {
    setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    buffer_.resize(1 << 16);
    ssize_t got;
    do {
      got = ::read(fd_, buffer_.data(), buffer_.size());
    } while (got < 0 && errno == EINTR);
    if (got <= 0) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string buffer_;
  int fd_;
};

std::string ReadHead(std::istream& in) {
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  in.clear();
  in.seekg(0);
  return head;
}

bool ReadOtherFile(const std::string& path, const InputOptions& options, const MessageCallback& on_message) {
  if (EndsWith(Lowercase(path), ".json")) return false;  // a JSON document is not a stream of messages
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::string head = ReadHead(file);
  if (LooksLikeJsonLines(head, path)) {
    Status status = ReadJsonLines(file, path, options.text_field, on_message);
    return status.ok();
  }
  if (LooksBinary(head)) return false;
  return ReadPlainText(file, path, on_message).ok();
}

Status ReadStandardInput(const InputOptions& options, const MessageCallback& on_message) {
  std::string head(kSniffBytes, '\0');
  std::size_t filled = 0;
  while (filled < head.size()) {
    ssize_t got = ::read(0, head.data() + filled, head.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    filled += static_cast<std::size_t>(got);
  }
  head.resize(filled);
  if (LooksLikeJsonLines(head, "-")) {
    PrefixedFdBuffer buffer(head, 0);
    std::istream in(&buffer);
    return ReadJsonLines(in, "-", options.text_field, on_message);
  }
  if (DetectFormatFromBytes(head, "") != MailFormat::kNotMail) {
    return ReadStdinMail(std::move(head), options.mail, on_message);
  }
  PrefixedFdBuffer buffer(head, 0);
  std::istream in(&buffer);
  return ReadPlainText(in, "-", on_message);
}

}  // namespace

void ExcludeMessage(SourceMessage* message) {
  message->skip_reason = "excluded sender: " + message->from_address;
  message->text.clear();
  message->stripped.clear();
}

bool IsExcludedSender(const std::string& address, const std::vector<std::string>& excluded) {
  if (address.empty()) return false;
  std::string lower = Lowercase(address);
  std::size_t at = lower.rfind('@');
  std::string domain = at == std::string::npos ? "" : lower.substr(at + 1);
  for (const std::string& entry : excluded) {
    std::string wanted = Lowercase(entry);
    if (!wanted.empty() && wanted[0] == '@') wanted.erase(0, 1);
    if (wanted.find('@') != std::string::npos) {
      if (lower == wanted) return true;
    } else if (!domain.empty() && (domain == wanted || EndsWith(domain, "." + wanted))) {
      return true;
    }
  }
  return false;
}

bool IsErrorSkip(const std::string& skip_reason) {
  static const char* const kNotErrors[] = {"no text part", "empty message", "not a mail", "excluded sender",
                                           "symbolic link to a directory"};
  for (const char* prefix : kNotErrors) {
    if (skip_reason.rfind(prefix, 0) == 0) return false;
  }
  return !skip_reason.empty();
}

Status ReadInput(const std::string& path, const InputOptions& options, const MessageCallback& on_message) {
  MessageCallback deliver = on_message;
  if (!options.exclude_senders.empty()) {
    deliver = [&options, &on_message](SourceMessage&& message) {
      if (message.skip_reason.empty() && IsExcludedSender(message.from_address, options.exclude_senders)) {
        ExcludeMessage(&message);
      }
      return on_message(std::move(message));
    };
  }
  if (path == "-") return ReadStandardInput(options, deliver);
  MailOptions mail = options.mail;
  mail.read_other_file = [&options](const std::string& file, const MessageCallback& callback) {
    return ReadOtherFile(file, options, callback);
  };
  return ReadPath(path, mail, deliver);
}

}  // namespace foco
