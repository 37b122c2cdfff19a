#pragma once

#include "config/settings.h"
#include "text/streamframer.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

// Chooses how a TCP tab finds messages in the byte stream: none (chunks only), lines, a custom
// delimiter typed with escapes, or a big-endian length prefix. It keeps the choice in the tab's
// settings group, as "framing" (a StreamFramer key) and "delimiter" (as typed, with escapes).
class FramingPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FramingPicker)

public:
    explicit FramingPicker(QWidget *parent = nullptr);
    ~FramingPicker() override;

    StreamFramer framer() const;
    void load(const Settings::Group &settings);
    void save(Settings::Group &settings) const;

Q_SIGNALS:
    void framerChanged(const StreamFramer &framer);

private:
    void update();

    QComboBox *m_combo;
    QLineEdit *m_delimiterEdit;
    StreamFramer m_framer;
};
