// Scans a stream of messages on several threads, delivering results in input order.
//
//   BatchScanner scanner(engine, analyze_options, /*threads=*/4,
//                        [](ScannedMessage&& done) { print(done); });
//   reader(..., [&](SourceMessage&& m) { scanner.Add(std::move(m)); return true; });
//   scanner.Finish();   // delivers what is left
//
// Messages are grouped in chunks (bounded by count and bytes, so memory stays
// flat on any input); a chunk is analysed by a pool of worker threads, kept
// for the scanner's whole life so their per-thread caches stay warm, while the
// caller reads the next chunk. `deliver` runs on the caller's thread, in order.
// Skipped messages (skip_reason set) pass through unanalysed.
// Thread safety: one BatchScanner is driven by one thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "source/message.h"

namespace foco {

struct ScannedMessage {
  SourceMessage message;
  Analysis analysis;
};

class BatchScanner {
 public:
  using Deliver = std::function<void(ScannedMessage&&)>;
  // Runs on the worker threads before analysis (e.g. deferred MIME parsing).
  using Prepare = std::function<void(SourceMessage*)>;
  BatchScanner(const Engine& engine, AnalyzeOptions options, int threads, Deliver deliver, Prepare prepare = nullptr);
  ~BatchScanner();
  BatchScanner(const BatchScanner&) = delete;
  BatchScanner& operator=(const BatchScanner&) = delete;

  void Add(SourceMessage&& message);
  void Finish();

 private:
  void LaunchChunk();
  void DeliverRunning();
  void ProcessItems(std::vector<ScannedMessage>* chunk);
  void WorkerLoop();

  const Engine& engine_;
  AnalyzeOptions options_;
  int threads_;
  Deliver deliver_;
  Prepare prepare_;
  std::vector<ScannedMessage> filling_;
  std::size_t filling_bytes_ = 0;
  std::vector<ScannedMessage> running_;
  bool running_active_ = false;

  // The worker pool (threads_ > 1).
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable work_done_;
  std::uint64_t generation_ = 0;
  int busy_workers_ = 0;
  bool stopping_ = false;
  std::atomic<std::size_t> next_item_{0};
};

}  // namespace foco
