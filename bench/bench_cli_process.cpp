// Whole-process benchmark of the `iq` binary: wall time from spawn to exit and peak resident memory
// (ru_maxrss of the child), over repeated runs. Usage:
//   bench_cli_process [--runs N] [--iq PATH] -- ARGS...
// Default: 30 runs of `iq profiles list --model=openai/gpt-oss-20b`. Prints the median and p90 wall time
// and the largest peak RSS. Standard output of the child goes to /dev/null.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern char **environ;

int main(int argc, char **argv)
{
    int runs = 30;
    std::string iq = IQ_SOURCE_DIR "/build/app/iq";
    if (const char *env = std::getenv("IQ_CLI"))
        iq = env;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--iq") && i + 1 < argc)
            iq = argv[++i];
        else if (!std::strcmp(argv[i], "--")) {
            for (++i; i < argc; ++i)
                args.emplace_back(argv[i]);
        }
    }
    if (args.empty())
        args = {"profiles", "list", "--model=openai/gpt-oss-20b"};

    std::vector<char *> childArgv;
    childArgv.push_back(iq.data());
    for (std::string &a : args)
        childArgv.push_back(a.data());
    childArgv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);

    std::vector<double> ms;
    long maxRssKiB = 0;
    int failures = 0;
    for (int r = 0; r < runs + 1; ++r) { // the first run warms the page cache and is not counted
        const auto start = std::chrono::steady_clock::now();
        pid_t pid = 0;
        if (posix_spawn(&pid, iq.c_str(), &actions, nullptr, childArgv.data(), environ) != 0) {
            std::fprintf(stderr, "cannot start %s\n", iq.c_str());
            return 1;
        }
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        const auto end = std::chrono::steady_clock::now();
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            ++failures;
        if (r == 0)
            continue;
        ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
        maxRssKiB = std::max(maxRssKiB, usage.ru_maxrss);
    }
    posix_spawn_file_actions_destroy(&actions);
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const double p90 = ms[std::min(ms.size() - 1, ms.size() * 9 / 10)];
    std::printf("iq");
    for (const std::string &a : args)
        std::printf(" %s", a.c_str());
    std::printf(
        "\nruns: %d  median: %.2f ms  p90: %.2f ms  min: %.2f ms  peak RSS: %.1f MiB  failed runs: %d\n",
        runs, median, p90, ms.front(), double(maxRssKiB) / 1024.0, failures);
    return failures ? 1 : 0;
}
