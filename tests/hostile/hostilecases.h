#pragma once
// Hostile inputs made from real files, shared by the tst_hostile* tests: truncations, byte flips,
// special files (FIFO, /dev/zero, a folder, a socket, symlinks to them), and a tally per input
// family of what each reader made of them: crashed / hung / silently wrong / clear error. A
// crash ends the test process (CTest reports it); a read that does not return within the
// timeout counts as hung and fails the test.
#include <QtTest/QtTest>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace gs::test {

namespace fs = std::filesystem;

struct HostileCase {
    std::string name;  // what was done ("truncated to 17 bytes")
    std::string path;  // the file the reader is given
    bool mustRefuse = true;  // false: a mutation that may still be a valid file
};

// What a reader made of one case.
struct Verdict {
    bool accepted = false;
    std::string errorFile;  // Error::file
    std::string message;  // Error::message (or what was accepted)
    bool sane = true;  // when accepted: the result keeps the format's invariants
};

struct Tally {
    int tried = 0, crashed = 0, hung = 0, wrong = 0, clear = 0, acceptedValid = 0;
    std::vector<std::string> failures;
};

inline std::map<std::string, Tally>& tallies()
{
    static std::map<std::string, Tally> t;
    return t;
}

inline std::string readFileText(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void writeFileText(const fs::path& p, const std::string& bytes)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

// Truncations at fixed fractions and a few exact small sizes, and byte flips at seeded positions.
inline std::vector<HostileCase> mutationsOf(const std::string& bytes, const fs::path& dir, const std::string& stem,
    const std::string& ext, int flips, bool flipsMustRefuse)
{
    std::vector<HostileCase> cases;
    std::vector<std::size_t> cuts = {0, 1, 3, 4, 7, 8, 15, 16, 23, 24, 31, 47, 48};
    for (double f : {0.1, 0.25, 0.5, 0.75, 0.9, 0.99})
        cuts.push_back(std::size_t(double(bytes.size()) * f));
    if (!bytes.empty())
        cuts.push_back(bytes.size() - 1);
    for (std::size_t n : cuts) {
        if (n >= bytes.size())
            continue;
        const fs::path p = dir / (stem + "-cut" + std::to_string(n) + ext);
        writeFileText(p, bytes.substr(0, n));
        // A text file cut only in its trailing whitespace is still the whole file.
        const bool onlyWhitespaceCut = bytes.find_first_not_of(" \t\r\n", n) == std::string::npos;
        cases.push_back({"truncated to " + std::to_string(n) + " bytes", p.string(), !onlyWhitespaceCut});
    }
    std::mt19937 rng(20261206);
    for (int i = 0; i < flips && !bytes.empty(); ++i) {
        std::string b = bytes;
        const std::size_t at = rng() % b.size();
        b[at] = char(b[at] ^ char(1 << (rng() % 8)));
        const fs::path p = dir / (stem + "-flip" + std::to_string(i) + ext);
        writeFileText(p, b);
        cases.push_back({"bit flipped at byte " + std::to_string(at), p.string(), flipsMustRefuse});
    }
    return cases;
}

// A FIFO, /dev/zero, a folder, a Unix socket, and symlinks to a FIFO and to /dev/zero.
inline std::vector<HostileCase> specialFiles(const fs::path& dir)
{
    std::vector<HostileCase> cases;
    const fs::path fifo = dir / "pipe.fifo";
    if (::mkfifo(fifo.c_str(), 0600) == 0)
        cases.push_back({"a FIFO", fifo.string(), true});
    cases.push_back({"/dev/zero", "/dev/zero", true});
    const fs::path folder = dir / "a-folder.d";
    fs::create_directories(folder);
    cases.push_back({"a folder", folder.string(), true});
    const fs::path sock = dir / "s.sock";
    const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
    if (s >= 0 && ::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0)
        cases.push_back({"a Unix socket", sock.string(), true});
    if (s >= 0)
        ::close(s);
    const fs::path linkFifo = dir / "link-to-fifo";
    fs::create_symlink(fifo, linkFifo);
    cases.push_back({"a symlink to a FIFO", linkFifo.string(), true});
    const fs::path linkZero = dir / "link-to-zero";
    fs::create_symlink("/dev/zero", linkZero);
    cases.push_back({"a symlink to /dev/zero", linkZero.string(), true});
    return cases;
}

// Runs `read` on a case with a time limit; a read still blocked on a FIFO when time is up is
// released by opening the FIFO for writing, so the test ends (as a failure) instead of hanging.
inline void runCase(const std::string& family, const HostileCase& c, const std::function<Verdict(const std::string&)>& read,
    std::chrono::seconds limit = std::chrono::seconds(20))
{
    Tally& t = tallies()[family];
    ++t.tried;
    auto task = std::make_shared<std::packaged_task<Verdict()>>([read, path = c.path] { return read(path); });
    std::future<Verdict> result = task->get_future();
    std::thread worker([task] { (*task)(); });
    if (result.wait_for(limit) != std::future_status::ready) {
        ++t.hung;
        t.failures.push_back(c.name + " (" + c.path + "): hung");
        const int w = ::open(c.path.c_str(), O_WRONLY | O_NONBLOCK);
        if (w >= 0)
            ::close(w);
        worker.detach();
        return;
    }
    worker.join();
    const Verdict v = result.get();
    if (v.accepted) {
        if (c.mustRefuse || !v.sane) {
            ++t.wrong;
            t.failures.push_back(c.name + " (" + c.path + "): accepted silently: " + v.message);
        } else {
            ++t.acceptedValid;
        }
        return;
    }
    const bool namesFile = v.errorFile == c.path || v.message.find(c.path) != std::string::npos;
    const bool stale = v.message.size() >= 7 && v.message.compare(v.message.size() - 7, 7, "Success") == 0;
    const bool internal = v.message.find("internal") != std::string::npos
        || v.message.find("type_error") != std::string::npos || v.message.find("[json.exception") != std::string::npos;
    if (namesFile && !v.message.empty() && !stale && !internal) {
        ++t.clear;
    } else {
        ++t.wrong;
        t.failures.push_back(c.name + " (" + c.path + "): unclear error: '" + v.errorFile + ": " + v.message + "'");
    }
}

// Prints the table and fails the test if any case crashed, hung or was silently wrong.
inline void reportTallies()
{
    std::string table = "\nfamily             tried  crashed  hung  silently wrong  clear error  (valid after mutation)\n";
    bool bad = false;
    for (const auto& [family, t] : tallies()) {
        char line[200];
        std::snprintf(line, sizeof line, "%-18s %5d  %7d  %4d  %14d  %11d  (%d)\n", family.c_str(), t.tried, t.crashed,
            t.hung, t.wrong, t.clear, t.acceptedValid);
        table += line;
        for (const std::string& f : t.failures)
            table += "    " + f + "\n";
        bad = bad || t.hung || t.wrong || t.crashed;
    }
    qInfo().noquote() << QString::fromStdString(table);
    QVERIFY2(!bad, "some hostile cases hung or were not refused clearly (see the table above)");
}

// Files in `dir` whose names show a temp of an atomic write, old style or new.
inline std::vector<std::string> tempFilesIn(const fs::path& dir)
{
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        if (n.find(".tmp") != std::string::npos || n.find("gs-tmp") != std::string::npos)
            found.push_back(n);
    }
    return found;
}

} // namespace gs::test
