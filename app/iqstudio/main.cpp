#include "studio.h"
#include "studiooptions.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    // --screenshot renders without a display: choose the offscreen platform before QApplication exists.
    for (int i = 1; i < argc; ++i) {
        if (qstrncmp(argv[i], "--screenshot", 12) == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("iqstudio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Inference Quickstart Studio"));
    QApplication::setOrganizationName(QStringLiteral("InferenceQuickstartStudio"));
    QApplication::setApplicationVersion(QStringLiteral(IQ_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.iqstudio.InferenceQuickstartStudio"));

    iq::gui::StudioOptions options;
    QString error;
    bool help = false;
    if (!iq::gui::parseStudioOptions(QApplication::arguments(), &options, &error, &help)) {
        std::fprintf(stderr, "iqstudio: %s\n", qPrintable(error));
        return 2;
    }
    if (help) {
        std::fprintf(stdout, "%s", qPrintable(iq::gui::studioHelpText()));
        return 0;
    }
    if (QApplication::arguments().contains(QStringLiteral("--version"))) {
        std::fprintf(stdout, "iqstudio %s\n", IQ_VERSION);
        return 0;
    }
    return iq::gui::runStudio(app, options);
}
