#include "source/mail_sources.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace foco {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunkBytes = 256 * 1024;   // one read(2); also the longest line kept whole
constexpr std::size_t kProbeBytes = 64 * 1024;    // what format detection looks at
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// ---------------------------------------------------------------------------
// Recognising formats.
// ---------------------------------------------------------------------------

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // ASCII only, locale-free
  }
  return out;
}

std::string_view StripLineEnd(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

bool IsBlankLine(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// "Name: value" (RFC 5322 field name: printable ASCII but ':'; blanks allowed
// before the colon, as the obsolete syntax does). Sets *name.
bool IsHeaderLine(std::string_view line, std::string_view* name = nullptr) {
  line = StripLineEnd(line);
  std::size_t i = 0;
  while (i < line.size() && line[i] > 32 && line[i] < 127 && line[i] != ':') ++i;
  if (i == 0) return false;
  std::size_t name_end = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return false;
  if (name) *name = line.substr(0, name_end);
  return true;
}

bool IsKnownMailHeader(std::string_view name) {
  static const char* const kNames[] = {
      "from", "to", "cc", "bcc", "subject", "date", "message-id", "received", "return-path",
      "mime-version", "content-type", "content-transfer-encoding", "delivered-to", "reply-to",
      "sender", "in-reply-to", "references", "x-mailer", "user-agent", "dkim-signature",
      "authentication-results", "x-received", "arc-seal", "thread-topic", "x-gm-thrid",
      "x-original-to", "envelope-to", "list-id"};
  std::string n = Lower(name);
  for (const char* k : kNames) {
    if (n == k) return true;
  }
  return false;
}

bool StartsWithFromLine(std::string_view data) {
  if (data.substr(0, kBom.size()) == kBom) data.remove_prefix(kBom.size());
  return data.substr(0, 5) == "From ";
}

// The data opens with a header block that looks like a mail message's.
bool LooksLikeHeaders(std::string_view head) {
  if (head.substr(0, kBom.size()) == kBom) head.remove_prefix(kBom.size());
  std::size_t good = 0, bad = 0;
  bool known = false;
  std::size_t pos = 0;
  bool first = true;
  while (pos < head.size()) {
    std::size_t nl = head.find('\n', pos);
    bool complete = nl != std::string_view::npos;
    std::string_view line = head.substr(pos, complete ? nl - pos : std::string_view::npos);
    pos = complete ? nl + 1 : head.size();
    if (!complete && pos >= head.size() && head.size() >= kProbeBytes) break;  // cut by the probe
    if (IsBlankLine(line)) break;                                               // end of headers
    std::string_view name;
    if (IsHeaderLine(line, &name)) {
      ++good;
      // Mail programs capitalise field names; configuration files ("from: x")
      // usually do not.
      if (IsKnownMailHeader(name) && name[0] >= 'A' && name[0] <= 'Z') known = true;
    } else if (!first && (line[0] == ' ' || line[0] == '\t')) {
      // a folded continuation line
    } else {
      if (first) return false;
      ++bad;
    }
    first = false;
  }
  return known && good > bad;
}

bool HasExtension(std::string_view name, std::initializer_list<const char*> exts) {
  std::string n = Lower(name);
  for (const char* e : exts) {
    std::string_view ext(e);
    if (n.size() > ext.size() && n.compare(n.size() - ext.size(), ext.size(), ext) == 0) return true;
  }
  return false;
}

bool IsMaildir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "cur", ec) &&
         (fs::is_directory(dir / "new", ec) || fs::is_directory(dir / "tmp", ec));
}

// ---------------------------------------------------------------------------
// Reading bytes: a file descriptor, with bytes already read in front.
// ---------------------------------------------------------------------------

class ByteSource {
 public:
  ByteSource() = default;
  ~ByteSource() {
    if (fd_ >= 0 && owns_) ::close(fd_);
  }
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  Status Open(const std::string& path_or_stdin) {
    if (path_or_stdin == "-") {
      fd_ = 0;
      owns_ = false;
      return Status::Ok();
    }
    fd_ = ::open(path_or_stdin.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      int e = errno;
      return Status(e == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIoError,
                    path_or_stdin + ": " + std::strerror(e));
    }
    owns_ = true;
    struct stat st;
    if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
      return Status(ErrorCode::kInvalidArgument, path_or_stdin + ": is a directory");
    }
    return Status::Ok();
  }

  // Bytes that were read ahead (to detect the format) and must come first.
  void Unread(std::string bytes) { front_ = std::move(bytes); }

  // Reads up to n bytes; 0 at the end; -1 on error (errno in error()).
  long Read(char* buf, std::size_t n) {
    if (front_pos_ < front_.size()) {
      std::size_t k = std::min(n, front_.size() - front_pos_);
      std::memcpy(buf, front_.data() + front_pos_, k);
      front_pos_ += k;
      if (front_pos_ == front_.size()) {
        front_.clear();
        front_.shrink_to_fit();
        front_pos_ = 0;
      }
      return static_cast<long>(k);
    }
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) error_ = errno;
      return static_cast<long>(r);
    }
  }

  // Reads up to n bytes, looping over short reads.
  Status ReadUpTo(std::size_t n, std::string* out) {
    out->clear();
    std::string buf(std::min(n, kChunkBytes), '\0');
    while (out->size() < n) {
      long r = Read(buf.data(), std::min(buf.size(), n - out->size()));
      if (r < 0) return Status(ErrorCode::kIoError, std::strerror(error_));
      if (r == 0) break;
      out->append(buf.data(), static_cast<std::size_t>(r));
    }
    return Status::Ok();
  }

  int error() const { return error_; }

 private:
  int fd_ = -1;
  bool owns_ = false;
  std::string front_;
  std::size_t front_pos_ = 0;
  int error_ = 0;
};

// Splits a ByteSource into lines. A line longer than the buffer comes out in
// several pieces; only the first has starts_line set.
class LineReader {
 public:
  struct Piece {
    std::string_view data;      // including the "\n" when ends_line and present
    std::uint64_t offset = 0;   // of data[0] in the source
    bool starts_line = false;
    bool ends_line = false;
  };

  explicit LineReader(ByteSource* source) : source_(source), buf_(kChunkBytes) {}

  // False at the end of the data or on a read error (then error() != 0).
  bool Next(Piece* piece) {
    for (;;) {
      const char* base = buf_.data();
      const char* nl = static_cast<const char*>(std::memchr(base + begin_, '\n', end_ - begin_));
      if (nl != nullptr) return Emit(piece, static_cast<std::size_t>(nl - base) + 1, true);
      if (eof_) {
        if (begin_ == end_) return false;
        return Emit(piece, end_, true);
      }
      if (begin_ > 0) {  // make room
        std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
      }
      if (end_ == buf_.size()) return Emit(piece, end_, false);  // an over-long line
      long r = source_->Read(buf_.data() + end_, buf_.size() - end_);
      if (r < 0) {
        error_ = source_->error();
        return false;
      }
      if (r == 0) eof_ = true;
      end_ += static_cast<std::size_t>(r);
    }
  }

  int error() const { return error_; }
  std::uint64_t offset() const { return offset_; }

 private:
  bool Emit(Piece* piece, std::size_t stop, bool ends_line) {
    piece->data = std::string_view(buf_.data() + begin_, stop - begin_);
    piece->offset = offset_;
    piece->starts_line = at_line_start_;
    piece->ends_line = ends_line;
    offset_ += stop - begin_;
    begin_ = stop;
    at_line_start_ = ends_line;
    return true;
  }

  ByteSource* source_;
  std::vector<char> buf_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  int error_ = 0;
  std::uint64_t offset_ = 0;
  bool at_line_start_ = true;
};

// ---------------------------------------------------------------------------
// Delivering records.
// ---------------------------------------------------------------------------

std::string TooBigWarning(std::size_t limit) {
  return "message larger than " + std::to_string(limit) + " bytes; only the first " +
         std::to_string(limit) + " bytes read";
}

// Parses one message's bytes into the record to deliver.
SourceMessage MakeRecord(std::string_view bytes, bool truncated, const MailOptions& options,
                         const std::string& source, std::size_t index, std::uint64_t offset) {
  if (options.defer_parsing) {
    SourceMessage m;
    m.raw_mail.assign(bytes.data(), bytes.size());
    if (m.raw_mail.empty()) m.skip_reason = "empty message";
    if (truncated) m.warnings.push_back(TooBigWarning(options.max_message_bytes));
    m.source = source;
    m.index = index;
    m.byte_offset = offset;
    return m;
  }
  Result<SourceMessage> parsed = ParseMailMessage(bytes, options);
  SourceMessage m;
  if (parsed.ok()) {
    m = std::move(parsed).value();
  } else {
    m.skip_reason = parsed.status().message();
  }
  if (truncated) m.warnings.push_back(TooBigWarning(options.max_message_bytes));
  m.source = source;
  m.index = index;
  m.byte_offset = offset;
  return m;
}

SourceMessage SkipRecord(const std::string& source, std::string reason, std::size_t index = 1,
                         std::uint64_t offset = 0) {
  SourceMessage m;
  m.source = source;
  m.index = index;
  m.byte_offset = offset;
  m.skip_reason = std::move(reason);
  return m;
}

// State shared by one ReadPath call: whether the callback asked to stop.
struct Reader {
  const MailOptions& options;
  const MessageCallback& on_message;
  bool stopped = false;

  void Deliver(SourceMessage&& m) {
    if (stopped) return;
    if (!on_message(std::move(m))) stopped = true;
  }
};

// ---------------------------------------------------------------------------
// mbox.
// ---------------------------------------------------------------------------

Status ReadMboxFrom(ByteSource* source, const std::string& name, Reader& r) {
  LineReader lines(source);
  std::string current;        // the message being read (bounded)
  bool truncated = false;
  bool in_message = false;    // a "From " line (or leading text) opened `current`
  std::uint64_t msg_offset = 0;
  std::size_t msg_line = 0;
  std::size_t index = 0;
  std::size_t line_no = 0;    // 1-based number of the line being read
  bool first_piece = true;

  std::string held;           // a "From " line waiting for the next line to decide
  std::uint64_t held_offset = 0;
  std::size_t held_line = 0;
  bool holding = false;

  auto append = [&](std::string_view data) {
    if (truncated) return;
    std::size_t room = r.options.max_message_bytes - std::min(current.size(), r.options.max_message_bytes);
    if (data.size() > room) {
      current.append(data.substr(0, room));
      truncated = true;
    } else {
      current.append(data);
    }
  };
  auto finish = [&]() {
    if (!in_message) return;
    in_message = false;
    // The blank line before a separator is framing.
    if (current.size() >= 4 && current.compare(current.size() - 4, 4, "\r\n\r\n") == 0) {
      current.resize(current.size() - 2);
    } else if (current.size() >= 2 && current.compare(current.size() - 2, 2, "\n\n") == 0) {
      current.resize(current.size() - 1);
    }
    SourceMessage m = MakeRecord(current, truncated, r.options, name, ++index, msg_offset);
    m.line = msg_line;
    current.clear();
    truncated = false;
    r.Deliver(std::move(m));
  };
  auto start = [&](std::uint64_t offset, std::size_t line) {
    finish();
    in_message = true;
    msg_offset = offset;
    msg_line = line;
  };
  auto body_line = [&](std::string_view data, bool starts_line, std::uint64_t offset) {
    if (!in_message) {
      if (IsBlankLine(data)) return;  // blank lines before the first message
      start(offset, line_no);
    }
    if (starts_line && !data.empty() && data[0] == '>') {  // mboxrd: ">From " -> "From "
      std::size_t k = 0;
      while (k < data.size() && data[k] == '>') ++k;
      if (data.substr(k, 5) == "From ") data.remove_prefix(1);
    }
    append(data);
  };

  LineReader::Piece piece;
  while (!r.stopped && lines.Next(&piece)) {
    std::string_view data = piece.data;
    std::uint64_t offset = piece.offset;
    if (piece.starts_line) ++line_no;
    if (first_piece) {
      first_piece = false;
      if (data.substr(0, kBom.size()) == kBom) {
        data.remove_prefix(kBom.size());
        offset += kBom.size();
      }
      if (data.substr(0, 5) == "From ") {  // the first message needs no look-ahead
        start(offset, line_no);
        continue;
      }
    }
    if (holding) {
      holding = false;
      if (piece.starts_line && IsHeaderLine(data)) {
        start(held_offset, held_line);
      } else {
        body_line(held, true, held_offset);
      }
    }
    if (piece.starts_line && piece.ends_line && data.substr(0, 5) == "From ") {
      held.assign(data);
      held_offset = offset;
      held_line = line_no;
      holding = true;
      continue;
    }
    body_line(data, piece.starts_line, offset);
  }
  if (r.stopped) return Status::Ok();
  if (lines.error() != 0) {
    finish();
    r.Deliver(SkipRecord(name, std::string("read error: ") + std::strerror(lines.error()), index + 1,
                         lines.offset()));
    return Status::Ok();
  }
  if (holding) start(held_offset, held_line);  // a "From " line at the very end
  if (in_message && current.empty() && !truncated) {
    // Nothing after the separator: still a message Python's mailbox counts.
    in_message = false;
    SourceMessage m = SkipRecord(name, "empty message", ++index, msg_offset);
    m.line = msg_line;
    r.Deliver(std::move(m));
    return Status::Ok();
  }
  finish();
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// One message per file.
// ---------------------------------------------------------------------------

Status ReadOneMessage(ByteSource* source, const std::string& name, Reader& r) {
  std::string bytes;
  Status st = source->ReadUpTo(r.options.max_message_bytes, &bytes);
  if (!st.ok()) {
    r.Deliver(SkipRecord(name, "read error: " + st.message()));
    return Status::Ok();
  }
  bool truncated = false;
  if (bytes.size() == r.options.max_message_bytes) {
    char extra;
    truncated = source->Read(&extra, 1) > 0;
  }
  r.Deliver(MakeRecord(bytes, truncated, r.options, name, 1, 0));
  return Status::Ok();
}

// Opens `path`. A file given by the user that cannot be opened is an error;
// one met while walking a folder is reported as a skipped record instead.
// Returns false when there is nothing more to do (*status says how it ended).
bool OpenOrReport(const std::string& path, Reader& r, bool top_level, ByteSource* source, Status* status) {
  Status st = source->Open(path);
  if (st.ok()) return true;
  if (top_level) {
    *status = st;
  } else {
    r.Deliver(SkipRecord(path, "cannot read file: " + st.message()));
    *status = Status::Ok();
  }
  return false;
}

Status ReadEmlAt(const std::string& path, Reader& r, bool top_level) {
  ByteSource source;
  Status st;
  if (!OpenOrReport(path, r, top_level, &source, &st)) return st;
  return ReadOneMessage(&source, path, r);
}

Status ReadMboxAt(const std::string& path, Reader& r, bool top_level) {
  ByteSource source;
  Status st;
  if (!OpenOrReport(path, r, top_level, &source, &st)) return st;
  return ReadMboxFrom(&source, path, r);
}

// ---------------------------------------------------------------------------
// Directories.
// ---------------------------------------------------------------------------

// The entries of `dir`, sorted by name. False (with *error) if unreadable.
bool ListDir(const fs::path& dir, std::vector<fs::directory_entry>* out, std::string* error) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    *error = ec.message();
    return false;
  }
  for (const fs::directory_entry& e : it) out->push_back(e);
  std::sort(out->begin(), out->end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename().native() < b.path().filename().native();
            });
  return true;
}

// Lists `dir`. A folder given by the user that cannot be listed is an error;
// one met while walking is reported as a skipped record instead. Returns false
// when there is nothing more to do (*status says how it ended).
bool ListDirOrReport(const fs::path& dir, Reader& r, bool top_level, std::vector<fs::directory_entry>* entries,
                     Status* status) {
  std::string error;
  if (ListDir(dir, entries, &error)) return true;
  if (top_level) {
    *status = Status(ErrorCode::kIoError, dir.string() + ": " + error);
  } else {
    r.Deliver(SkipRecord(dir.string(), "cannot read directory: " + error));
    *status = Status::Ok();
  }
  return false;
}

Status ReadMaildirAt(const fs::path& dir, Reader& r, bool top_level) {
  std::vector<fs::path> folders{dir};
  std::vector<fs::directory_entry> entries;
  std::string error;
  Status listed;
  if (!ListDirOrReport(dir, r, top_level, &entries, &listed)) return listed;
  for (const fs::directory_entry& e : entries) {
    std::string n = e.path().filename().string();
    std::error_code ec;
    if (n.size() > 1 && n[0] == '.' && n != ".." && e.is_directory(ec) && IsMaildir(e.path())) {
      folders.push_back(e.path());  // Maildir++ subfolder
    }
  }
  for (const fs::path& folder : folders) {
    std::vector<fs::path> files;
    for (const char* sub : {"cur", "new"}) {
      fs::path subdir = folder / sub;
      std::error_code ec;
      if (!fs::is_directory(subdir, ec)) continue;
      std::vector<fs::directory_entry> listed;
      if (!ListDir(subdir, &listed, &error)) {
        r.Deliver(SkipRecord(subdir.string(), "cannot read directory: " + error));
        continue;
      }
      for (const fs::directory_entry& e : listed) {
        std::string n = e.path().filename().string();
        if (!n.empty() && n[0] == '.') continue;
        if (e.is_regular_file(ec)) files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      return a.filename().native() < b.filename().native();
    });
    for (const fs::path& f : files) {
      if (r.stopped) return Status::Ok();
      Status st = ReadEmlAt(f.string(), r, false);
      if (!st.ok()) return st;
    }
  }
  return Status::Ok();
}

Status ReadFileAt(const std::string& path, Reader& r, bool top_level);

Status WalkDirectory(const fs::path& dir, Reader& r, bool top_level) {
  if (IsMaildir(dir)) return ReadMaildirAt(dir, r, top_level);
  std::vector<fs::directory_entry> entries;
  Status listed;
  if (!ListDirOrReport(dir, r, top_level, &entries, &listed)) return listed;
  for (const fs::directory_entry& e : entries) {
    if (r.stopped) return Status::Ok();
    std::error_code ec;
    bool is_link = e.is_symlink(ec);
    if (e.is_directory(ec)) {
      if (is_link) {
        r.Deliver(SkipRecord(e.path().string(), "symbolic link to a directory not followed"));
        continue;
      }
      Status st = WalkDirectory(e.path(), r, false);
      if (!st.ok()) return st;
    } else if (e.is_regular_file(ec)) {
      Status st = ReadFileAt(e.path().string(), r, false);
      if (!st.ok()) return st;
    } else if (is_link) {
      r.Deliver(SkipRecord(e.path().string(), "cannot read file: broken symbolic link"));
    } else {
      r.Deliver(SkipRecord(e.path().string(), "not a mail file (not a regular file)"));
    }
  }
  return Status::Ok();
}

// Reads a regular file whose format is decided by its content.
Status ReadFileAt(const std::string& path, Reader& r, bool top_level) {
  ByteSource source;
  Status st;
  if (!OpenOrReport(path, r, top_level, &source, &st)) return st;
  std::string head;
  st = source.ReadUpTo(kProbeBytes, &head);
  if (!st.ok()) {
    if (top_level) return Status(ErrorCode::kIoError, path + ": " + st.message());
    r.Deliver(SkipRecord(path, "cannot read file: " + st.message()));
    return Status::Ok();
  }
  MailFormat format = DetectFormatFromBytes(head, path);
  source.Unread(std::move(head));
  switch (format) {
    case MailFormat::kMbox: return ReadMboxFrom(&source, path, r);
    case MailFormat::kEml: return ReadOneMessage(&source, path, r);
    default:
      if (r.options.read_other_file && r.options.read_other_file(path, r.on_message)) return Status::Ok();
      r.Deliver(SkipRecord(path, "not a mail file"));
      return Status::Ok();
  }
}

Status ReadStdin(Reader& r, std::string already_read) {
  ByteSource source;
  Status st = source.Open("-");
  if (!st.ok()) return st;
  std::string head;
  st = source.ReadUpTo(kProbeBytes, &head);
  if (!st.ok()) return Status(ErrorCode::kIoError, "standard input: " + st.message());
  head = already_read + head;
  bool mbox = StartsWithFromLine(head);
  source.Unread(std::move(head));
  return mbox ? ReadMboxFrom(&source, "-", r) : ReadOneMessage(&source, "-", r);
}

}  // namespace

const char* MailFormatName(MailFormat format) {
  switch (format) {
    case MailFormat::kEml: return "eml";
    case MailFormat::kMbox: return "mbox";
    case MailFormat::kMaildir: return "maildir";
    case MailFormat::kDirectory: return "directory";
    case MailFormat::kNotMail: return "not mail";
  }
  return "unknown";
}

MailFormat DetectFormatFromBytes(std::string_view head, std::string_view file_name) {
  if (StartsWithFromLine(head)) return MailFormat::kMbox;
  if (LooksLikeHeaders(head)) return MailFormat::kEml;
  if (HasExtension(file_name, {".eml"})) return MailFormat::kEml;
  if (HasExtension(file_name, {".mbox", ".mbx"})) return MailFormat::kMbox;
  return MailFormat::kNotMail;
}

Result<MailFormat> DetectFormat(const std::string& path) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return Status(ErrorCode::kNotFound, path + ": no such file or directory");
  }
  if (fs::is_directory(status)) {
    return IsMaildir(path) ? MailFormat::kMaildir : MailFormat::kDirectory;
  }
  if (!fs::is_regular_file(status)) return MailFormat::kNotMail;
  ByteSource source;
  Status st = source.Open(path);
  if (!st.ok()) return st;
  std::string head;
  st = source.ReadUpTo(kProbeBytes, &head);
  if (!st.ok()) return Status(ErrorCode::kIoError, path + ": " + st.message());
  return DetectFormatFromBytes(head, path);
}

Status ReadStdinMail(std::string already_read, const MailOptions& options, const MessageCallback& on_message) {
  Reader r{options, on_message};
  return ReadStdin(r, std::move(already_read));
}

Status ReadMbox(const std::string& path_or_stdin, const MailOptions& options,
                const MessageCallback& on_message) {
  Reader r{options, on_message};
  return ReadMboxAt(path_or_stdin, r, true);
}

Status ReadEmlFile(const std::string& path_or_stdin, const MailOptions& options,
                   const MessageCallback& on_message) {
  Reader r{options, on_message};
  return ReadEmlAt(path_or_stdin, r, true);
}

Status ReadMaildir(const std::string& dir, const MailOptions& options,
                   const MessageCallback& on_message) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return Status(ErrorCode::kNotFound, dir + ": no such file or directory");
  if (!IsMaildir(dir)) {
    return Status(ErrorCode::kInvalidArgument, dir + ": not a Maildir (no cur/ and new/)");
  }
  Reader r{options, on_message};
  return ReadMaildirAt(dir, r, true);
}

Status ReadPath(const std::string& path, const MailOptions& options,
                const MessageCallback& on_message) {
  Reader r{options, on_message};
  if (path == "-") return ReadStdin(r, "");
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return Status(ErrorCode::kNotFound, path + ": no such file or directory");
  }
  if (fs::is_directory(status)) return WalkDirectory(path, r, true);
  return ReadFileAt(path, r, true);
}

}  // namespace foco
