//! Messages the command line writes itself (the core's reach it translated
//! too): shown in the language of LC_ALL / LC_MESSAGES / LANG.

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    [
        "“{list}” is not a list of Today. Use one of: no_next_step, overdue, stale, leads_to_call, first_deals_due, checkins_due, orders_expected, tasks_due.",
        "«{list}» — нет такого списка на экране «Сегодня». Укажите один из: no_next_step, overdue, stale, leads_to_call, first_deals_due, checkins_due, orders_expected, tasks_due.",
        "„{list}“ не е списък от „Днес“. Посочете един от: no_next_step, overdue, stale, leads_to_call, first_deals_due, checkins_due, orders_expected, tasks_due.",
        "Το «{list}» δεν είναι λίστα της οθόνης «Σήμερα». Δώστε μία από: no_next_step, overdue, stale, leads_to_call, first_deals_due, checkins_due, orders_expected, tasks_due.",
        "A(z) „{list}” nem a Ma képernyő listája. Adja meg az egyiket: no_next_step, overdue, stale, leads_to_call, first_deals_due, checkins_due, orders_expected, tasks_due.",
    ],
    [
        "{path} cannot be read: {why}.",
        "Не удаётся прочитать {path}: {why}.",
        "{path} не може да се прочете: {why}.",
        "Δεν είναι δυνατή η ανάγνωση του {path}: {why}.",
        "A(z) {path} nem olvasható: {why}.",
    ],
    [
        "Give the new passphrase: --new-passphrase-file FILE or CONVEYOR_NEW_PASSPHRASE.",
        "Укажите новую парольную фразу: --new-passphrase-file FILE или CONVEYOR_NEW_PASSPHRASE.",
        "Посочете новата парола: --new-passphrase-file FILE или CONVEYOR_NEW_PASSPHRASE.",
        "Δώστε τη νέα φράση πρόσβασης: --new-passphrase-file FILE ή CONVEYOR_NEW_PASSPHRASE.",
        "Adja meg az új jelmondatot: --new-passphrase-file FILE vagy CONVEYOR_NEW_PASSPHRASE.",
    ],
    [
        "{path} needs its current passphrase: give --passphrase-file FILE or set CONVEYOR_PASSPHRASE.",
        "Для {path} нужна текущая парольная фраза: укажите --passphrase-file FILE или задайте CONVEYOR_PASSPHRASE.",
        "За {path} е нужна текущата парола: посочете --passphrase-file FILE или задайте CONVEYOR_PASSPHRASE.",
        "Το {path} χρειάζεται την τρέχουσα φράση πρόσβασης: δώστε --passphrase-file FILE ή ορίστε CONVEYOR_PASSPHRASE.",
        "A(z) {path} fájlhoz kell a jelenlegi jelmondat: adja meg a --passphrase-file FILE kapcsolót, vagy állítsa be a CONVEYOR_PASSPHRASE változót.",
    ],
    [
        "Name the backup file (conveyor backup FILE OUT), or use --auto.",
        "Укажите файл резервной копии (conveyor backup FILE OUT) или используйте --auto.",
        "Посочете файла за резервно копие (conveyor backup FILE OUT) или използвайте --auto.",
        "Ονομάστε το αρχείο αντιγράφου ασφαλείας (conveyor backup FILE OUT) ή χρησιμοποιήστε --auto.",
        "Adja meg a mentés fájlját (conveyor backup FILE OUT), vagy használja a --auto kapcsolót.",
    ],
    [
        "--encrypt needs a passphrase: give --passphrase-file FILE or set CONVEYOR_PASSPHRASE.",
        "Для --encrypt нужна парольная фраза: укажите --passphrase-file FILE или задайте CONVEYOR_PASSPHRASE.",
        "За --encrypt е нужна парола: посочете --passphrase-file FILE или задайте CONVEYOR_PASSPHRASE.",
        "Το --encrypt χρειάζεται φράση πρόσβασης: δώστε --passphrase-file FILE ή ορίστε CONVEYOR_PASSPHRASE.",
        "Az --encrypt kapcsolóhoz jelmondat kell: adja meg a --passphrase-file FILE kapcsolót, vagy állítsa be a CONVEYOR_PASSPHRASE változót.",
    ],
    [
        "There is no {entity} field with the key “{key}”. See `conveyor fields list`.",
        "Поля {entity} с ключом «{key}» нет. См. `conveyor fields list`.",
        "Няма поле {entity} с ключ „{key}“. Вижте `conveyor fields list`.",
        "Δεν υπάρχει πεδίο {entity} με κλειδί «{key}». Δείτε `conveyor fields list`.",
        "Nincs „{key}” kulcsú {entity}-mező. Lásd: `conveyor fields list`.",
    ],
    [
        "“{value}” should look like KEY=VALUE.",
        "«{value}» должно выглядеть как KEY=VALUE.",
        "„{value}“ трябва да има вида KEY=VALUE.",
        "Το «{value}» πρέπει να έχει τη μορφή KEY=VALUE.",
        "A(z) „{value}” alakja KEY=VALUE kell legyen.",
    ],
    [
        "Name the kind (company or contact), the record that stays and the one merged into it.",
        "Укажите вид (company или contact), запись, которая остаётся, и запись, которая в неё вливается.",
        "Посочете вида (company или contact), записа, който остава, и записа, който се слива с него.",
        "Δηλώστε το είδος (company ή contact), την εγγραφή που μένει και αυτή που συγχωνεύεται σε αυτήν.",
        "Adja meg a fajtát (company vagy contact), a megmaradó rekordot és azt, amelyet beleolvaszt.",
    ],
    [
        "Could not run sqlite3 ({why}); install it (apt-get install sqlite3) for the import ratio.",
        "Не удалось запустить sqlite3 ({why}); установите его (apt-get install sqlite3) для расчёта коэффициента импорта.",
        "sqlite3 не можа да се стартира ({why}); инсталирайте го (apt-get install sqlite3) за коефициента на импорта.",
        "Δεν ήταν δυνατή η εκτέλεση του sqlite3 ({why})· εγκαταστήστε το (apt-get install sqlite3) για τον λόγο εισαγωγής.",
        "Az sqlite3 nem indítható ({why}); az importálási arányhoz telepítse (apt-get install sqlite3).",
    ],
    [
        "The passphrase file {path} cannot be read: {why}. Check the path.",
        "Файл с парольной фразой {path} не читается: {why}. Проверьте путь.",
        "Файлът с паролата {path} не може да се прочете: {why}. Проверете пътя.",
        "Το αρχείο φράσης πρόσβασης {path} δεν διαβάζεται: {why}. Ελέγξτε τη διαδρομή.",
        "A(z) {path} jelmondatfájl nem olvasható: {why}. Ellenőrizze az elérési utat.",
    ],
    [
        "“{arg}” should look like HEADER=FIELD.",
        "«{arg}» должно выглядеть как HEADER=FIELD.",
        "„{arg}“ трябва да има вида HEADER=FIELD.",
        "Το «{arg}» πρέπει να έχει τη μορφή HEADER=FIELD.",
        "A(z) „{arg}” alakja HEADER=FIELD kell legyen.",
    ],
    [
        "The file has no column “{col}”.",
        "В файле нет столбца «{col}».",
        "Файлът няма колона „{col}“.",
        "Το αρχείο δεν έχει στήλη «{col}».",
        "A fájlban nincs „{col}” oszlop.",
    ],
];
