#pragma once
// iqstudio's command line: catalogs to add and the headless screenshot mode used for docs, tests and review.

#include "domain.h"

#include <QSize>
#include <QStringList>

namespace iq::gui {

struct StudioOptions
{
    QString screenshot;     // --screenshot FILE.png: render offscreen and exit
    QString model;          // --model=ID
    double ttftMs = kUnknown;  // --target-ttft-milliseconds
    double ntpotMs = kUnknown; // --target-ntpot-milliseconds
    double itlMs = kUnknown;   // --target-itl-milliseconds
    QString select;         // --select=INSTANCE_TYPE
    QSize size{1440, 900};  // --size=WxH
    QString language;       // --lang=ko|en; empty = settings, else system locale
    QStringList catalogFiles; // --catalog FILE (repeatable)
    bool noUserCatalog = false; // --no-user-catalog
    bool logAxes = false;   // --log-axes
    QString tab;            // --chart=ntpot|ttft|itl
};

// Parses the arguments (argv[0] first). On error returns false and sets *error to a message naming the
// option. --help / --version are handled by the caller through `helpText`.
bool parseStudioOptions(const QStringList &arguments, StudioOptions *options, QString *error,
                        bool *helpRequested = nullptr);
QString studioHelpText();

} // namespace iq::gui
