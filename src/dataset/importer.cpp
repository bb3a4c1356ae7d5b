#include "importer.h"

#include "datasetsplit.h"
#include "fileimport.h"
#include "filescanner.h"
#include "metadatalookup.h"

#include <algorithm>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace gs {

namespace {

Status checkSettings(const ImportSettings& s)
{
    if (s.bars != 1 && s.bars != 2 && s.bars != 4)
        return Error{"", "bars must be 1, 2 or 4 (got " + std::to_string(s.bars) + ")"};
    if (s.stepsPerBeat != 4 && s.stepsPerBeat != 12)
        return Error{"", "steps per beat must be 4 or 12 (got " + std::to_string(s.stepsPerBeat) + ")"};
    if (s.hopBars < 0)
        return Error{"", "hop bars must be 0 (non-overlapping) or more"};
    if (s.minHits < 0)
        return Error{"", "min hits must be 0 or more"};
    if (s.map.voiceCount() == 0)
        return Error{"", "the drum map has no voices"};
    if (!validMidiChannel(s.drumChannel))
        return Error{"", "the drum channel must be a MIDI channel from 1 to 16 (got " + std::to_string(s.drumChannel) + ")"};
    for (const auto& [path, channel] : s.fileDrumChannels)
        if (!validMidiChannel(channel))
            return Error{path, "the drum channel must be a MIDI channel from 1 to 16 (got " + std::to_string(channel) + ")"};
    if (!(s.validationFraction >= 0.0 && s.validationFraction <= 1.0))
        return Error{"", "the validation fraction must be between 0 and 1"};
    return success();
}

FileImport skippedFile(const std::string& path, const std::string& reason, const ImportSettings& settings)
{
    FileImport out;
    out.record.path = path;
    out.record.drumChannel = settings.drumChannelFor(path);
    out.record.status = FileStatus::Failed;
    out.record.reason = reason;
    return out;
}

void applyMetadata(FileImport& fi, const ResolvedMetadata& meta)
{
    FileRecord& rec = fi.record;
    rec.style = meta.style;
    rec.fill = meta.fill.value_or(false);
    if (!fi.tempoInFile && meta.bpm)
        rec.bpm = *meta.bpm;
    if (!meta.split.empty()) {
        rec.splitFromMetadata = true;
        // The Groove MIDI Dataset also has "test": we hold it out with validation.
        rec.split = meta.split == "train" ? Split::Train : Split::Validation;
    }
}

// Sequential, in sorted file order, so what counts as "the first" of duplicates never depends on threads.
void merge(std::vector<FileImport>& results, Dataset& dataset)
{
    std::unordered_map<std::uint64_t, std::vector<int>> seen;
    seen.reserve(results.size() * 16);
    int duplicates = 0, lowHit = 0;
    for (std::size_t f = 0; f < results.size(); ++f) {
        FileImport& fi = results[f];
        lowHit += fi.lowHitWindows;
        for (std::size_t k = 0; k < fi.windows.size(); ++k) {
            DatasetWindow& w = fi.windows[k];
            if (dataset.settings().dropDuplicates) {
                std::vector<int>& bucket = seen[fi.hitHashes[k]];
                const bool dup = std::any_of(bucket.begin(), bucket.end(), [&](int i) {
                    const Groove& other = dataset.windows()[std::size_t(i)].groove;
                    return other.grid() == w.groove.grid() && other.sameHits(w.groove);
                });
                if (dup) {
                    ++duplicates;
                    continue;
                }
                bucket.push_back(dataset.windowCount());
            }
            w.file = int(f);
            ++fi.record.windowsKept;
            fi.record.hits += w.groove.hitCount();
            dataset.windows().push_back(std::move(w));
        }
        dataset.files().push_back(std::move(fi.record));
    }
    dataset.setDuplicatesDropped(duplicates);
    dataset.setLowHitWindowsDropped(lowHit);
}

} // namespace

Importer::Importer(ImportSettings settings)
    : m_settings(std::move(settings))
{
}

Result<Dataset> Importer::run(const std::vector<std::string>& paths) const
{
    m_started = 0;
    if (Status ok = checkSettings(m_settings); !ok)
        return ok.error();
    auto listed = collectMidiFiles(paths);
    if (!listed)
        return listed.error();
    // Special files met in folders become failed records (never opened), in path order with the rest.
    std::vector<std::string> files = listed->files;
    std::unordered_map<std::string, std::string> skipped;
    for (const SkippedEntry& s : listed->skipped) {
        files.push_back(s.path);
        skipped[s.path] = "skipped: " + s.reason;
    }
    std::sort(files.begin(), files.end());

    MetadataLookup lookup;
    std::vector<ResolvedMetadata> metadata;
    metadata.reserve(files.size());
    for (const std::string& f : files)
        metadata.push_back(lookup.resolve(f));

    std::vector<FileImport> results(files.size());
    std::atomic<int> next{0};
    int done = 0;
    std::mutex progressMutex;
    const int total = int(files.size());
    auto worker = [&] {
        for (;;) {
            if (m_cancel && m_cancel->load())
                return;
            const int i = next.fetch_add(1);
            if (i >= total)
                return;
            ++m_started;
            const std::string& path = files[std::size_t(i)];
            if (const auto it = skipped.find(path); it != skipped.end())
                results[std::size_t(i)] = skippedFile(path, it->second, m_settings);
            else
                results[std::size_t(i)] = importFile(path, m_settings);
            if (m_progress) {
                std::lock_guard lock(progressMutex);
                m_progress(++done, total);
            }
        }
    };
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const int threads = std::clamp(m_threads > 0 ? m_threads : cores, 1, std::max(1, total));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) {
        try {
            pool.emplace_back(worker);
        } catch (const std::system_error&) {
            break;  // no more threads to be had: the ones running (and this one) finish the work
        }
    }
    worker();
    for (std::thread& t : pool)
        t.join();
    if (m_cancel && m_cancel->load())
        return Error{"", "import cancelled"};

    for (std::size_t i = 0; i < results.size(); ++i)
        applyMetadata(results[i], metadata[i]);
    Dataset dataset(m_settings);
    merge(results, dataset);
    assignSplit(dataset, m_settings.seed, m_settings.validationFraction);
    return dataset;
}

} // namespace gs
