// SingleInstance: a second instance hands its files to the first over a local socket
// and gets an answer; with nobody listening, or a listener that never answers, it
// reports failure so the caller starts normally; a stale name is taken over.
#include "singleinstance.h"

#include <QLocalServer>
#include <QSignalSpy>
#include <QtTest/QtTest>

#include <atomic>
#include <thread>

using namespace gs;

class TstSingleInstance : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void secondInstanceHandsItsFilesToTheFirst()
    {
        const QString name = QStringLiteral("gs-test-%1-send").arg(QCoreApplication::applicationPid());
        SingleInstance first(name);
        QVERIFY2(first.listen(), qPrintable(first.errorString()));
        QVERIFY(first.listening());
        QSignalSpy received(&first, &SingleInstance::filesReceived);
        std::atomic<int> answer{-1};
        // The second instance blocks on its socket, so it runs on its own thread here.
        std::thread second([&] {
            SingleInstance client(name);
            answer = client.sendToRunning({QStringLiteral("/music/my groove.gsproj"), QStringLiteral("/music/beats")}, 10000);
        });
        QVERIFY(received.wait(15000));
        second.join();
        QCOMPARE(answer.load(), 1);
        QCOMPARE(received.first().first().toStringList(),
            QStringList({QStringLiteral("/music/my groove.gsproj"), QStringLiteral("/music/beats")}));
    }

    void noFirstInstanceMeansStartNormally()
    {
        SingleInstance alone(QStringLiteral("gs-test-%1-nobody").arg(QCoreApplication::applicationPid()));
        QVERIFY(!alone.sendToRunning({QStringLiteral("/x.gsproj")}, 1000));
        QVERIFY(alone.listen());  // and it becomes the first
    }

    void aListenerThatNeverAnswersIsNotTrusted()
    {
        const QString name = QStringLiteral("gs-test-%1-mute").arg(QCoreApplication::applicationPid());
        QLocalServer mute;  // accepts connections but never replies (a frozen first instance)
        QVERIFY(mute.listen(name));
        std::atomic<int> answer{-1};
        std::thread second([&] { answer = SingleInstance(name).sendToRunning({QStringLiteral("/x.gsproj")}, 500); });
        // Keep the event loop turning so the server accepts; the client must give up by itself.
        while (answer.load() < 0)
            QTest::qWait(20);
        second.join();
        QCOMPARE(answer.load(), 0);
    }

    void aStaleNameIsTakenOver()
    {
        const QString name = QStringLiteral("gs-test-%1-stale").arg(QCoreApplication::applicationPid());
        QString socketPath;
        {
            QLocalServer probe;
            QVERIFY(probe.listen(name));
            socketPath = probe.fullServerName();
        }
        // What a crash leaves: something at the socket's path that nobody answers on.
        QFile leftover(socketPath);
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.close();
        QVERIFY(!SingleInstance(name).sendToRunning({}, 500));
        SingleInstance next(name);
        QVERIFY2(next.listen(), qPrintable(next.errorString()));
    }

    void defaultNameIsPerUserOrFromTheEnvironment()
    {
        qputenv("GROOVESCAPE_INSTANCE", "gs-from-env");
        QCOMPARE(SingleInstance::defaultName(), QStringLiteral("gs-from-env"));
        qunsetenv("GROOVESCAPE_INSTANCE");
        QVERIFY(SingleInstance::defaultName().startsWith(QStringLiteral("groovescape-")));
    }
};

QTEST_GUILESS_MAIN(TstSingleInstance)
#include "tst_singleinstance.moc"
