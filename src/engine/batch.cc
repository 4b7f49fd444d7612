#include "engine/batch.h"

namespace foco {
namespace {
constexpr std::size_t kChunkMessages = 256;
constexpr std::size_t kChunkBytes = 8 << 20;
}  // namespace

BatchScanner::BatchScanner(const Engine& engine, AnalyzeOptions options, int threads, Deliver deliver, Prepare prepare)
    : engine_(engine), options_(options), threads_(threads < 1 ? 1 : threads), deliver_(std::move(deliver)),
      prepare_(std::move(prepare)) {
  if (threads_ > 1) {
    for (int t = 0; t < threads_; ++t) workers_.emplace_back(&BatchScanner::WorkerLoop, this);
  }
}

BatchScanner::~BatchScanner() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    work_done_.wait(lock, [this] { return busy_workers_ == 0; });
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void BatchScanner::ProcessItems(std::vector<ScannedMessage>* chunk) {
  for (std::size_t i = next_item_++; i < chunk->size(); i = next_item_++) {
    ScannedMessage& item = (*chunk)[i];
    if (prepare_) prepare_(&item.message);
    if (item.message.skip_reason.empty()) item.analysis = engine_.Analyze(item.message.text, options_);
  }
}

void BatchScanner::WorkerLoop() {
  std::uint64_t seen = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    work_ready_.wait(lock, [this, seen] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    lock.unlock();
    ProcessItems(&running_);
    lock.lock();
    if (--busy_workers_ == 0) work_done_.notify_all();
  }
}

void BatchScanner::Add(SourceMessage&& message) {
  filling_bytes_ += message.text.size() + message.raw_mail.size();
  filling_.push_back({std::move(message), {}});
  if (filling_.size() >= kChunkMessages || filling_bytes_ >= kChunkBytes) LaunchChunk();
}

void BatchScanner::DeliverRunning() {
  if (!running_active_) return;
  if (!workers_.empty()) {
    std::unique_lock<std::mutex> lock(mutex_);
    work_done_.wait(lock, [this] { return busy_workers_ == 0; });
  }
  running_active_ = false;
  for (ScannedMessage& item : running_) deliver_(std::move(item));
  running_.clear();
}

void BatchScanner::LaunchChunk() {
  DeliverRunning();
  running_ = std::move(filling_);
  filling_.clear();
  filling_bytes_ = 0;
  running_active_ = true;
  next_item_ = 0;
  if (workers_.empty()) {
    ProcessItems(&running_);
    DeliverRunning();
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    busy_workers_ = static_cast<int>(workers_.size());
    ++generation_;
  }
  work_ready_.notify_all();
}

void BatchScanner::Finish() {
  if (!filling_.empty()) LaunchChunk();
  DeliverRunning();
}

}  // namespace foco
