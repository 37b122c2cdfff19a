#include "dialogs/preferencesdialog.h"
#include "ui_preferencesdialog.h"

#include <QLocale>


PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    using Limits = Settings::LogLimits;
    m_ui->maxRowsSpin->setRange(int(Limits::MinRows), int(Limits::MaxRows));
    m_ui->maxRowsSpin->setGroupSeparatorShown(true);
    m_ui->payloadBudgetSpin->setRange(Limits::MinPayloadMiB, Limits::MaxPayloadMiB);
    m_ui->payloadBudgetSpin->setGroupSeparatorShown(true);
    // A value out of range is put back when the field is left; say the range up front.
    const QLocale locale;
    m_ui->maxRowsSpin->setToolTip(tr("From %1 to %2 rows. Each row costs a few hundred bytes "
                                     "besides its payload.")
                                          .arg(locale.toString(Limits::MinRows),
                                               locale.toString(Limits::MaxRows)));
    m_ui->payloadBudgetSpin->setToolTip(tr("From %1 to %2 MiB. The bytes of payload the rows of "
                                           "a log may hold together, so that large messages "
                                           "cannot fill the memory.")
                                                .arg(locale.toString(Limits::MinPayloadMiB),
                                                     locale.toString(Limits::MaxPayloadMiB)));
    m_ui->logLimitsNote->setText(
            tr("Rows: %1 to %2; payload: %3 to %4 MiB. When a log reaches either limit, its "
               "oldest rows leave the view and the footer counts them; the newest row always "
               "stays. A recording keeps every row.")
                    .arg(locale.toString(Limits::MinRows), locale.toString(Limits::MaxRows),
                         locale.toString(Limits::MinPayloadMiB),
                         locale.toString(Limits::MaxPayloadMiB)));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

PreferencesDialog::~PreferencesDialog() = default;

Settings::LogLimits PreferencesDialog::logLimits() const
{
    Settings::LogLimits limits;
    limits.rows = m_ui->maxRowsSpin->value();
    limits.payloadMiB = m_ui->payloadBudgetSpin->value();
    return limits;
}

void PreferencesDialog::setLogLimits(const Settings::LogLimits &limits)
{
    m_ui->maxRowsSpin->setValue(int(limits.rows));
    m_ui->payloadBudgetSpin->setValue(limits.payloadMiB);
}
