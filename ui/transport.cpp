#include "transport.h"

#include "audiolink.h"
#include "midi/groovemidi.h"
#include "session.h"

#include <QFileInfo>
#include <QUrl>

#include <algorithm>

namespace gs {

Transport::Transport(QObject* parent)
    : Transport(Session::instance(), parent)
{
}

Transport::Transport(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_deviceStatus(tr("No audio engine attached — playing silently"))
{
    Q_ASSERT(m_session);
    connect(m_session, &Session::bpmChanged, this, &Transport::bpmChanged);
    if (AudioLink* link = AudioLink::instance())
        link->attach(this);
}

void Transport::setVoiceMix(const QList<bool>& muted, const QList<bool>& soloed)
{
    if (muted == m_muted && soloed == m_soloed)
        return;
    m_muted = muted;
    m_soloed = soloed;
    Q_EMIT voiceMixChanged();
}

void Transport::setPlaying(bool on)
{
    if (on == m_playing)
        return;
    m_playing = on;
    if (!on)
        setPlayhead(-1, 0.0);
    Q_EMIT playingChanged();
}

double Transport::bpm() const { return m_session->bpm(); }

void Transport::setBpm(double bpm) { m_session->setBpm(bpm); }

void Transport::setSwing(double percent)
{
    percent = std::clamp(percent, 50.0, 75.0);
    if (percent == m_swing)
        return;
    m_swing = percent;
    Q_EMIT swingChanged();
}

void Transport::setHumanise(double amount)
{
    amount = std::clamp(amount, 0.0, 1.0);
    if (amount == m_humanise)
        return;
    m_humanise = amount;
    Q_EMIT humaniseChanged();
}

void Transport::setMetronome(bool on)
{
    if (on == m_metronome)
        return;
    m_metronome = on;
    Q_EMIT metronomeChanged();
}

void Transport::setVolume(double gain)
{
    gain = std::clamp(gain, 0.0, 1.0);
    if (gain == m_volume)
        return;
    m_volume = gain;
    Q_EMIT volumeChanged();
}

void Transport::setKitIndex(int index)
{
    if (index == m_kitIndex || index < -1 || index >= m_kits.size())
        return;
    m_kitIndex = index;
    Q_EMIT kitIndexChanged();
}

void Transport::setKits(const QStringList& names, int current)
{
    m_kits = names;
    Q_EMIT kitsChanged();
    m_kitIndex = -2;  // force the notify: the list changed under the index
    setKitIndex(std::clamp(current, -1, int(names.size()) - 1));
}

void Transport::setDeviceStatus(const QString& text, bool ok)
{
    if (text == m_deviceStatus && ok == m_deviceOk)
        return;
    m_deviceStatus = text;
    m_deviceOk = ok;
    Q_EMIT deviceStatusChanged();
}

void Transport::setPlayhead(int step, double level)
{
    if (step != m_playStep) {
        m_playStep = step;
        Q_EMIT playStepChanged();
    }
    if (level != m_level) {
        m_level = level;
        Q_EMIT levelChanged();
    }
}

void Transport::setMessage(const QString& text)
{
    m_message = text;
    Q_EMIT messageChanged();
}

bool Transport::exportMidi(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.isEmpty()) {
        setMessage(tr("Export: no file name given"));
        return false;
    }
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".mid");
    ClipOptions options;
    options.bpm = m_session->bpm();
    const Status status = writeGrooveMidi(path.toStdString(), {m_session->groove()}, m_session->drumMap(), options);
    if (!status.ok()) {
        setMessage(tr("Export failed: %1").arg(QString::fromStdString(status.error().describe())));
        return false;
    }
    setMessage(tr("Exported %1").arg(QFileInfo(path).fileName()));
    return true;
}

} // namespace gs
