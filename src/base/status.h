// Errors as values. Library code never prints and never exits: it returns a
// Status (or a Result<T> carrying either a value or a Status) and the command
// line decides what to tell the user and which exit code to use.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace foco {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  // caller passed something unusable (bad option value)
  kNotFound,         // a file, folder, rule or list that does not exist
  kIoError,          // the operating system refused a read or write
  kParseError,       // malformed input data: JSON, MIME, mbox framing
  kLexiconError,     // a lexicon file is wrong; message starts with path:line:col
  kUnsupported,      // a format or feature Foco does not handle
  kInternal,         // a broken invariant inside Foco (a bug)
};

const char* ErrorCodeName(ErrorCode code);

class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Holds a T or the Status that explains why there is none.
// Accessing value() on an error is a programming error (checked by assert).
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace foco
