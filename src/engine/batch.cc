#include "engine/batch.h"

#include <atomic>
#include <thread>

namespace foco {
namespace {
constexpr std::size_t kChunkMessages = 256;
constexpr std::size_t kChunkBytes = 8 << 20;

void AnalyzeChunk(const Engine& engine, const AnalyzeOptions& options, int threads, const BatchScanner::Prepare& prepare,
                  std::vector<ScannedMessage>* chunk) {
  std::atomic<std::size_t> next{0};
  auto work = [&]() {
    for (std::size_t i = next++; i < chunk->size(); i = next++) {
      ScannedMessage& item = (*chunk)[i];
      if (prepare) prepare(&item.message);
      if (item.message.skip_reason.empty()) item.analysis = engine.Analyze(item.message.text, options);
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
}
}  // namespace

BatchScanner::BatchScanner(const Engine& engine, AnalyzeOptions options, int threads, Deliver deliver, Prepare prepare)
    : engine_(engine), options_(options), threads_(threads < 1 ? 1 : threads), deliver_(std::move(deliver)),
      prepare_(std::move(prepare)) {}

BatchScanner::~BatchScanner() {
  if (running_done_.valid()) running_done_.wait();
}

void BatchScanner::Add(SourceMessage&& message) {
  filling_bytes_ += message.text.size() + message.raw_mail.size();
  filling_.push_back({std::move(message), {}});
  if (filling_.size() >= kChunkMessages || filling_bytes_ >= kChunkBytes) LaunchChunk();
}

void BatchScanner::DeliverRunning() {
  if (!running_done_.valid()) return;
  running_done_.get();
  for (ScannedMessage& item : running_) deliver_(std::move(item));
  running_.clear();
}

void BatchScanner::LaunchChunk() {
  DeliverRunning();
  running_ = std::move(filling_);
  filling_.clear();
  filling_bytes_ = 0;
  if (threads_ == 1) {
    AnalyzeChunk(engine_, options_, 1, prepare_, &running_);
    std::promise<void> done;
    done.set_value();
    running_done_ = done.get_future();
    DeliverRunning();
    return;
  }
  running_done_ = std::async(std::launch::async, AnalyzeChunk, std::cref(engine_), std::cref(options_), threads_,
                             std::cref(prepare_), &running_);
}

void BatchScanner::Finish() {
  if (!filling_.empty()) LaunchChunk();
  DeliverRunning();
}

}  // namespace foco
