// bench_import: the real importer on the whole shared Groove MIDI Dataset,
// side by side with Debian's python3-mido reading the same files.
// Usage: bench_import [GMD_FOLDER] [--runs N] [--threads T] [--no-reference]
// Figures only: this is not a test and nothing here passes or fails on time.
#include "dataset/datasetfile.h"
#include "dataset/filescanner.h"
#include "dataset/importer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

struct Figures {
    std::string name;
    int files = 0;
    int failed = 0;
    double megabytes = 0.0;
    double seconds = 0.0;
};

void printRow(const Figures& f, double referenceSeconds)
{
    std::cout << std::left << std::setw(34) << f.name << std::right << std::setw(7) << f.files << std::setw(8)
              << f.failed << std::setw(8) << std::fixed << std::setprecision(2) << f.megabytes << std::setw(10)
              << std::setprecision(3) << f.seconds << std::setw(10) << std::setprecision(0) << f.files / f.seconds
              << std::setw(9) << std::setprecision(1) << f.megabytes / f.seconds << std::setw(9)
              << (referenceSeconds > 0 ? referenceSeconds / f.seconds : 0.0) << "x\n";
}

// Best of `runs` imports (the least disturbed by the other work on a shared machine).
Figures timeImporter(const std::string& folder, int threads, int runs, double megabytes)
{
    Figures f;
    f.name = "groovescape import, " + std::to_string(threads) + " thread" + (threads > 1 ? "s" : "");
    f.megabytes = megabytes;
    f.seconds = 1e9;
    for (int r = 0; r < runs; ++r) {
        gs::Importer importer;
        importer.setThreadCount(threads);
        const auto start = std::chrono::steady_clock::now();
        auto d = importer.run({folder});
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!d) {
            std::cerr << d.error().describe() << "\n";
            std::exit(1);
        }
        f.files = int(d->files().size());
        f.failed = d->fileCount(gs::FileStatus::Failed);
        f.seconds = std::min(f.seconds, s);
        if (r == 0)
            std::cerr << "  " << d->windowCount() << " windows, " << d->hitCount() << " hits, "
                      << d->duplicatesDropped() << " duplicates dropped\n";
    }
    return f;
}

bool runMido(const std::vector<std::string>& files, Figures& out)
{
    const std::string list = "/tmp/bench_import_files_" + std::to_string(::getpid()) + ".txt";
    {
        std::ofstream l(list);
        for (const std::string& f : files)
            l << f << "\n";
    }
    const std::string cmd = "/usr/bin/python3 '" GS_BENCH_DIR "/mido_read.py' '" + list + "'";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    std::string text;
    if (pipe) {
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe))
            text.append(buf, n);
        ::pclose(pipe);
    }
    std::filesystem::remove(list);
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.contains("seconds")) {
        std::cerr << "the mido reference did not run (is python3-mido installed for /usr/bin/python3?)\n";
        return false;
    }
    out.name = "python3-mido " + j.value("mido", std::string()) + " (parse only)";
    out.files = j["files"];
    out.failed = j["failed"];
    out.megabytes = double(j["bytes"].get<std::uint64_t>()) / 1e6;
    out.seconds = j["seconds"];
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    std::string folder = std::string(GS_SHARED_DATA_DEFAULT) + "/gmd";
    int runs = 5;
    int threads = int(std::max(1u, std::thread::hardware_concurrency()));
    bool reference = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--threads" && i + 1 < argc)
            threads = std::max(1, std::atoi(argv[++i]));
        else if (a == "--no-reference")
            reference = false;
        else
            folder = a;
    }
    auto files = gs::collectMidiFiles({folder});
    if (!files) {
        std::cerr << files.error().describe() << "\n";
        return 1;
    }
    std::uint64_t bytes = 0;
    for (const std::string& f : files->files)
        bytes += std::filesystem::file_size(f);
    const double megabytes = double(bytes) / 1e6;
    std::cerr << folder << ": " << files->files.size() << " files, " << megabytes << " MB; best of " << runs << " runs\n";

    const Figures many = timeImporter(folder, threads, runs, megabytes);
    const Figures one = timeImporter(folder, 1, runs, megabytes);
    Figures mido;
    const bool haveMido = reference && runMido(files->files, mido);
    const double ref = haveMido ? mido.seconds : 0.0;

    std::cout << std::left << std::setw(34) << "reader" << std::right << std::setw(7) << "files" << std::setw(8)
              << "failed" << std::setw(8) << "MB" << std::setw(10) << "seconds" << std::setw(10) << "files/s"
              << std::setw(9) << "MB/s" << std::setw(10) << "vs mido\n";
    printRow(many, ref);
    printRow(one, ref);
    if (haveMido)
        printRow(mido, ref);
    std::cout << "goal: whole set under 0.5 s on 2 cores, at least 20x mido\n";

    // Reopening the saved dataset (the app and the trainer do this, not the import).
    auto dataset = gs::Importer().run({folder});
    const std::string gsd = "/tmp/bench_import_" + std::to_string(::getpid()) + ".gsd";
    if (dataset && gs::DatasetFile::save(*dataset, gsd)) {
        double best = 1e9;
        for (int r = 0; r < runs; ++r) {
            const auto start = std::chrono::steady_clock::now();
            auto back = gs::DatasetFile::load(gsd);
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
            if (!back)
                std::cerr << back.error().describe() << "\n";
        }
        std::cout << "dataset file: " << std::setprecision(2) << double(std::filesystem::file_size(gsd)) / 1e6
                  << " MB, " << dataset->windowCount() << " windows, reopened in " << std::setprecision(3) << best
                  << " s (goal: well under 1 s)\n";
        std::filesystem::remove(gsd);
    }
    return 0;
}
