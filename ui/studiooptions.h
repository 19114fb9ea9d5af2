#pragma once
// iqstudio's command line: catalogs to add and the headless screenshot mode used for docs, tests and review.

#include "domain.h"

#include <QSize>
#include <QStringList>

namespace iq::gui {

struct StudioOptions
{
    QString screenshot;         // --screenshot FILE.png: render offscreen and exit
    QString model;              // --model=ID
    double ttftMs = kUnknown;   // --target-ttft-milliseconds
    double ntpotMs = kUnknown;  // --target-ntpot-milliseconds
    double itlMs = kUnknown;    // --target-itl-milliseconds
    QString modelConfig;        // --model-config=FILE: a Hugging Face config.json, estimated and selected
    QString select;             // --select=INSTANCE_TYPE
    QSize size{1440, 900};      // --size=WxH
    QString language;           // --lang=ko|en; empty = settings, else system locale
    QStringList catalogFiles;   // --catalog FILE (repeatable)
    bool noUserCatalog = false; // --no-user-catalog
    bool logAxes = false;
    bool dark = false; // --dark: Fusion style with a dark palette (reviewing dark-mode readability)       //
                       // --log-axes
    QString tab;       // --chart=ntpot|ttft|itl|throughput
    // --benchmark-startup: print "painted rss-kib=N" on stdout once the window is first painted, then exit
    // (bench/bench_gui_startup.cpp times it from process start).
    bool benchmarkStartup = false;
};

// Parses the arguments (argv[0] first). On error returns false and sets *error to a message naming the
// option. --help / --version are handled by the caller through `helpText`.
bool parseStudioOptions(const QStringList &arguments, StudioOptions *options, QString *error,
                        bool *helpRequested = nullptr);
QString studioHelpText();

} // namespace iq::gui
