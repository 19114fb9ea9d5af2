#include <QApplication>
#include <QMainWindow>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("iqstudio"));
    QApplication::setOrganizationName(QStringLiteral("InferenceQuickstartStudio"));
    QApplication::setApplicationVersion(QStringLiteral(IQ_VERSION));
    QMainWindow window;
    window.setWindowTitle(QObject::tr("Inference Quickstart Studio"));
    window.resize(1280, 800);
    window.show();
    return app.exec();
}
