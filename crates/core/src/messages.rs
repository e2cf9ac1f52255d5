//! The core's messages to people (errors, import problems) in the user's
//! language. One catalogue mechanism, shared in spirit with the documents'
//! texts (`pdf::i18n`): typed tables in the core, no runtime files.
//!
//! Why not Fluent: the core writes its messages in English at the place the
//! problem is found (`Error::validation(field, format!("…{x}…"))`), and other
//! changes keep adding such messages. A catalogue keyed by the English
//! template lets every existing and future message work unchanged: the
//! boundary (the app's command runner, the CLI) calls [`Error::localized`]
//! (and [`Localize::localized`] on import reports), which finds the message's
//! template, takes the variable parts (file names, line numbers, values) from
//! the English text and puts them into the translation. Of several matching
//! templates the one with the most fixed text wins. A placeholder named with
//! a leading `_` (`{_status}`, `{_msg}`) holds a part of the sentence, not the
//! user's data: it is translated too, through the catalogue or the table of
//! parts (`messages/parts.rs`), so a message built from parts reads whole in
//! the language. The areas' messages live in `messages/*.rs`. The test
//! `every_core_message_has_a_translation` reads the core's source and fails
//! when any message it writes lacks a translation in any language. The
//! stable `code` and `field` never change.

use crate::error::Error;
use crate::model::Lang;

mod cli;
mod files;
mod import;
mod parts;
mod records;
mod team;
mod template;
mod work;

/// `[en, ru, bg, el, hu]`; `""` = not translated yet. Placeholders `{name}`
/// match any text, in order; a translation uses the same names.
pub(crate) type Entry = [&'static str; 5];

const CATALOGUE: &[Entry] = &[
    [
        "{file} is empty. Export the contacts again and choose the new file.",
        "Файл {file} пуст. Выгрузите контакты заново и выберите новый файл.",
        "Файлът {file} е празен. Експортирайте контактите отново и изберете новия файл.",
        "Το αρχείο {file} είναι κενό. Εξαγάγετε ξανά τις επαφές και επιλέξτε το νέο αρχείο.",
        "A(z) {file} fájl üres. Exportálja újra a névjegyeket, és válassza az új fájlt.",
    ],
    [
        "{file} has no header row. The first line must name the columns.",
        "В файле {file} нет строки заголовков. В первой строке должны быть названия столбцов.",
        "Файлът {file} няма заглавен ред. Първият ред трябва да съдържа имената на колоните.",
        "Το αρχείο {file} δεν έχει γραμμή επικεφαλίδων. Η πρώτη γραμμή πρέπει να ονομάζει τις στήλες.",
        "A(z) {file} fájlnak nincs fejléce. Az első sorban az oszlopok neveinek kell állniuk.",
    ],
    [
        "{file}:{line}: the file cannot be read as CSV ({why}). Export it again as CSV.",
        "{file}:{line}: файл не читается как CSV ({why}). Выгрузите его заново в формате CSV.",
        "{file}:{line}: файлът не може да се прочете като CSV ({why}). Експортирайте го отново като CSV.",
        "{file}:{line}: το αρχείο δεν διαβάζεται ως CSV ({why}). Εξαγάγετέ το ξανά ως CSV.",
        "{file}:{line}: a fájl nem olvasható CSV-ként ({why}). Exportálja újra CSV formátumban.",
    ],
    [
        "{file} is {_what}, not a vCard file. Export the contacts as vCard (.vcf).",
        "{file} — это {_what}, а не файл vCard. Выгрузите контакты в формате vCard (.vcf).",
        "{file} е {_what}, а не файл vCard. Експортирайте контактите като vCard (.vcf).",
        "Το {file} είναι {_what}, όχι αρχείο vCard. Εξαγάγετε τις επαφές ως vCard (.vcf).",
        "A(z) {file} {_what}, nem vCard-fájl. Exportálja a névjegyeket vCard (.vcf) formátumban.",
    ],
    [
        "{path} cannot be read: {why}. Check the path.",
        "Не удаётся прочитать {path}: {why}. Проверьте путь.",
        "{path} не може да се прочете: {why}. Проверете пътя.",
        "Δεν είναι δυνατή η ανάγνωση του {path}: {why}. Ελέγξτε τη διαδρομή.",
        "A(z) {path} nem olvasható: {why}. Ellenőrizze az elérési utat.",
    ],
    [
        "the contact has no name, company or e-mail. Fill in a name or leave the row out.",
        "у контакта нет ни имени, ни компании, ни e-mail. Впишите имя или пропустите строку.",
        "контактът няма име, фирма или имейл. Попълнете име или пропуснете реда.",
        "η επαφή δεν έχει όνομα, εταιρεία ή e-mail. Συμπληρώστε όνομα ή παραλείψτε τη γραμμή.",
        "a névjegynek nincs neve, cége vagy e-mail-címe. Adjon meg egy nevet, vagy hagyja ki a sort.",
    ],
    [
        "“{value}” is not an e-mail address (name@example.com).",
        "«{value}» — не адрес e-mail (name@example.com).",
        "„{value}“ не е имейл адрес (name@example.com).",
        "Το «{value}» δεν είναι διεύθυνση e-mail (name@example.com).",
        "„{value}” nem e-mail-cím (name@example.com).",
    ],
    [
        "“{value}” is not a phone number (at most 50 characters).",
        "«{value}» — не номер телефона (не более 50 символов).",
        "„{value}“ не е телефонен номер (най-много 50 знака).",
        "Το «{value}» δεν είναι αριθμός τηλεφώνου (έως 50 χαρακτήρες).",
        "„{value}” nem telefonszám (legfeljebb 50 karakter).",
    ],
    [
        "the card has no END:VCARD. Check that the file is complete.",
        "у карточки нет END:VCARD. Проверьте, что файл целый.",
        "картата няма END:VCARD. Проверете дали файлът е цял.",
        "η κάρτα δεν έχει END:VCARD. Ελέγξτε ότι το αρχείο είναι πλήρες.",
        "a névjegyből hiányzik az END:VCARD. Ellenőrizze, hogy a fájl teljes-e.",
    ],
    [
        "the card has no END:VCARD; the file seems cut short. Export it again.",
        "у карточки нет END:VCARD; похоже, файл обрезан. Выгрузите его заново.",
        "картата няма END:VCARD; файлът изглежда прекъснат. Експортирайте го отново.",
        "η κάρτα δεν έχει END:VCARD· το αρχείο φαίνεται κομμένο. Εξαγάγετέ το ξανά.",
        "a névjegyből hiányzik az END:VCARD; a fájl csonkának tűnik. Exportálja újra.",
    ],
    [
        "a line without a property name was skipped.",
        "строка без имени свойства пропущена.",
        "ред без име на свойство беше пропуснат.",
        "παραλείφθηκε μια γραμμή χωρίς όνομα ιδιότητας.",
        "egy tulajdonságnév nélküli sort kihagytunk.",
    ],
    [
        "{field} is empty. Fill it in.",
        "Поле {field} пустое. Заполните его.",
        "Полето {field} е празно. Попълнете го.",
        "Το πεδίο {field} είναι κενό. Συμπληρώστε το.",
        "A(z) {field} mező üres. Töltse ki.",
    ],
    [
        "{field} is {n} characters long; the limit is {max}. Shorten it.",
        "В поле {field} {n} символов, а можно не больше {max}. Сократите текст.",
        "Полето {field} е дълго {n} знака; границата е {max}. Съкратете го.",
        "Το πεδίο {field} έχει {n} χαρακτήρες· το όριο είναι {max}. Συντομεύστε το.",
        "A(z) {field} mező {n} karakter hosszú; a korlát {max}. Rövidítse le.",
    ],
    [
        "{field} contains control characters. Remove them.",
        "В поле {field} есть управляющие символы. Удалите их.",
        "Полето {field} съдържа управляващи знаци. Премахнете ги.",
        "Το πεδίο {field} περιέχει χαρακτήρες ελέγχου. Αφαιρέστε τους.",
        "A(z) {field} mező vezérlőkaraktereket tartalmaz. Távolítsa el őket.",
    ],
    [
        "“{value}” is not a date. Write it as YYYY-MM-DD, or --MM-DD when the year is unknown.",
        "«{value}» — не дата. Пишите ГГГГ-ММ-ДД или --ММ-ДД, если год неизвестен.",
        "„{value}“ не е дата. Пишете ГГГГ-ММ-ДД или --ММ-ДД, ако годината не е известна.",
        "Το «{value}» δεν είναι ημερομηνία. Γράψτε ΕΕΕΕ-ΜΜ-ΗΗ ή --ΜΜ-ΗΗ αν το έτος είναι άγνωστο.",
        "„{value}” nem dátum. Írja ÉÉÉÉ-HH-NN alakban, vagy --HH-NN alakban, ha az év ismeretlen.",
    ],
    [
        "“{value}” does not look like an e-mail address (name@example.com).",
        "«{value}» не похоже на адрес e-mail (name@example.com).",
        "„{value}“ не прилича на имейл адрес (name@example.com).",
        "Το «{value}» δεν μοιάζει με διεύθυνση e-mail (name@example.com).",
        "„{value}” nem tűnik e-mail-címnek (name@example.com).",
    ],
    [
        "{_what} #{id} was not found. It may have been archived; refresh the list and try again.",
        "{_what} №{id} не найден(а). Возможно, запись в архиве; обновите список и попробуйте снова.",
        "{_what} №{id} не е намерен(а). Може да е архивиран(а); обновете списъка и опитайте отново.",
        "{_what} #{id} δεν βρέθηκε. Ίσως έχει αρχειοθετηθεί· ανανεώστε τη λίστα και δοκιμάστε ξανά.",
        "{_what} #{id} nem található. Lehet, hogy archiválták; frissítse a listát, és próbálja újra.",
    ],
    [
        "The workspace is busy in another program. Close the other window or command and try again.",
        "Рабочий файл занят другой программой. Закройте другое окно или команду и попробуйте снова.",
        "Работният файл е зает от друга програма. Затворете другия прозорец или команда и опитайте отново.",
        "Ο χώρος εργασίας χρησιμοποιείται από άλλο πρόγραμμα. Κλείστε το άλλο παράθυρο ή την εντολή και δοκιμάστε ξανά.",
        "A munkafájlt egy másik program használja. Zárja be a másik ablakot vagy parancsot, és próbálja újra.",
    ],
    [
        "This file is not a Conveyor workspace (it is not an SQLite database). Choose a .conveyor file.",
        "Этот файл — не рабочий файл Conveyor (это не база SQLite). Выберите файл .conveyor.",
        "Този файл не е работен файл на Conveyor (не е база данни SQLite). Изберете файл .conveyor.",
        "Αυτό το αρχείο δεν είναι χώρος εργασίας του Conveyor (δεν είναι βάση SQLite). Επιλέξτε ένα αρχείο .conveyor.",
        "Ez a fájl nem Conveyor-munkafájl (nem SQLite-adatbázis). Válasszon egy .conveyor fájlt.",
    ],
    [
        "The workspace file is damaged. Restore it from a backup (keep the damaged copy for support).",
        "Рабочий файл повреждён. Восстановите его из резервной копии (повреждённую копию сохраните для поддержки).",
        "Работният файл е повреден. Възстановете го от резервно копие (пазете повреденото копие за поддръжката).",
        "Το αρχείο του χώρου εργασίας είναι κατεστραμμένο. Επαναφέρετέ το από αντίγραφο ασφαλείας (κρατήστε το κατεστραμμένο για την υποστήριξη).",
        "A munkafájl megsérült. Állítsa vissza biztonsági mentésből (a sérült példányt őrizze meg a támogatás számára).",
    ],
    [
        "The disk is full. Free some space and try again; nothing was saved.",
        "Диск заполнен. Освободите место и попробуйте снова; ничего не сохранено.",
        "Дискът е пълен. Освободете място и опитайте отново; нищо не е записано.",
        "Ο δίσκος είναι γεμάτος. Ελευθερώστε χώρο και δοκιμάστε ξανά· δεν αποθηκεύτηκε τίποτα.",
        "A lemez megtelt. Szabadítson fel helyet, és próbálja újra; semmi sem lett mentve.",
    ],
    [
        "The record was not found. Refresh and try again.",
        "Запись не найдена. Обновите и попробуйте снова.",
        "Записът не е намерен. Обновете и опитайте отново.",
        "Η εγγραφή δεν βρέθηκε. Ανανεώστε και δοκιμάστε ξανά.",
        "A rekord nem található. Frissítsen, és próbálja újra.",
    ],
    [
        "No workspace is open. Open a workspace, create a new one, or open the demo.",
        "Рабочий файл не открыт. Откройте файл, создайте новый или откройте демо.",
        "Няма отворен работен файл. Отворете файл, създайте нов или отворете демото.",
        "Δεν υπάρχει ανοιχτός χώρος εργασίας. Ανοίξτε έναν, δημιουργήστε νέο ή ανοίξτε την επίδειξη.",
        "Nincs megnyitott munkafájl. Nyisson meg egyet, hozzon létre újat, vagy nyissa meg a demót.",
    ],
    [
        "Give the next step a date.",
        "Укажите дату следующего шага.",
        "Дайте дата на следващата стъпка.",
        "Δώστε ημερομηνία στο επόμενο βήμα.",
        "Adjon dátumot a következő lépésnek.",
    ],
    [
        "The next step's date is in the past. Pick today or later.",
        "Дата следующего шага уже прошла. Выберите сегодня или позже.",
        "Датата на следващата стъпка е в миналото. Изберете днес или по-късно.",
        "Η ημερομηνία του επόμενου βήματος έχει περάσει. Επιλέξτε σήμερα ή αργότερα.",
        "A következő lépés dátuma a múltban van. Válassza a mai napot vagy későbbit.",
    ],
    [
        "“{year}/{month}/{day}” (year/month/day) is not a birthday: it needs a month and a day. Fix it in the file or leave it out.",
        "«{year}/{month}/{day}» (год/месяц/день) — не дата рождения: нужны месяц и день. Исправьте файл или пропустите это значение.",
        "„{year}/{month}/{day}“ (година/месец/ден) не е рожден ден: нужни са месец и ден. Поправете файла или пропуснете стойността.",
        "«{year}/{month}/{day}» (έτος/μήνας/ημέρα) δεν είναι ημερομηνία γενεθλίων: χρειάζονται μήνας και ημέρα. Διορθώστε το αρχείο ή παραλείψτε την τιμή.",
        "„{year}/{month}/{day}” (év/hónap/nap) nem születésnap: hónap és nap kell hozzá. Javítsa a fájlban, vagy hagyja ki.",
    ],
    [
        "A company cannot belong to itself. Choose another company.",
        "Компания не может входить сама в себя. Выберите другую компанию.",
        "Фирмата не може да е част от самата себе си. Изберете друга фирма.",
        "Μια εταιρεία δεν μπορεί να ανήκει στον εαυτό της. Επιλέξτε άλλη εταιρεία.",
        "Egy cég nem tartozhat önmagához. Válasszon másik céget.",
    ],
    [
        "“{parent}” already belongs to “{company}”, so “{company}” cannot belong to it. Choose another company.",
        "«{parent}» уже входит в «{company}», поэтому «{company}» не может входить в неё. Выберите другую компанию.",
        "„{parent}“ вече е част от „{company}“, затова „{company}“ не може да е част от нея. Изберете друга фирма.",
        "Η «{parent}» ανήκει ήδη στην «{company}», οπότε η «{company}» δεν μπορεί να ανήκει σε αυτήν. Επιλέξτε άλλη εταιρεία.",
        "A(z) „{parent}” már a(z) „{company}” része, így a(z) „{company}” nem tartozhat hozzá. Válasszon másik céget.",
    ],
    [
        "The number of employees cannot be negative. Enter 0 or more.",
        "Число сотрудников не может быть отрицательным. Укажите 0 или больше.",
        "Броят служители не може да е отрицателен. Въведете 0 или повече.",
        "Ο αριθμός εργαζομένων δεν μπορεί να είναι αρνητικός. Εισαγάγετε 0 ή περισσότερο.",
        "Az alkalmazottak száma nem lehet negatív. Adjon meg 0-t vagy többet.",
    ],
    [
        "The revenue cannot be negative. Enter 0 or more.",
        "Выручка не может быть отрицательной. Укажите 0 или больше.",
        "Приходите не може да са отрицателни. Въведете 0 или повече.",
        "Τα έσοδα δεν μπορούν να είναι αρνητικά. Εισαγάγετε 0 ή περισσότερο.",
        "Az árbevétel nem lehet negatív. Adjon meg 0-t vagy többet.",
    ],
    [
        "A contact needs a first or a last name, or at least an e-mail address.",
        "Укажите у контакта имя или фамилию — или хотя бы адрес e-mail.",
        "Контактът трябва да има име или фамилия — или поне имейл адрес.",
        "Η επαφή χρειάζεται όνομα ή επώνυμο — ή τουλάχιστον διεύθυνση email.",
        "A névjegyhez kell utó- vagy vezetéknév, vagy legalább egy e-mail-cím.",
    ],
    [
        "A deal needs a company or a contact.",
        "У сделки должна быть компания или контакт.",
        "Сделката трябва да има фирма или контакт.",
        "Η ευκαιρία χρειάζεται εταιρεία ή επαφή.",
        "Az ügylethez cég vagy kapcsolattartó kell.",
    ],
    [
        "“{value}” is not a currency code. Use three letters such as EUR, USD or RUB.",
        "«{value}» — не код валюты. Используйте три буквы, например EUR, USD или RUB.",
        "„{value}“ не е код на валута. Използвайте три букви, например EUR, BGN или USD.",
        "Το «{value}» δεν είναι κωδικός νομίσματος. Χρησιμοποιήστε τρία γράμματα, π.χ. EUR ή USD.",
        "„{value}” nem pénznemkód. Használjon három betűt, például HUF, EUR vagy USD.",
    ],
];

fn column(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Ru => 1,
        Lang::Bg => 2,
        Lang::El => 3,
        Lang::Hu => 4,
    }
}

/// A template cut at its placeholders: literal parts and placeholder names
/// (`literals.len() == names.len() + 1`).
fn parts(template: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut literals, mut names) = (vec![], vec![]);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        literals.push(&rest[..open]);
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    literals.push(rest);
    (literals, names)
}

/// The placeholders' texts if `message` is an instance of `template`.
fn capture<'m>(template: &str, message: &'m str) -> Option<Vec<&'m str>> {
    capture_where(template, message, &|_| true)
}

/// The placeholders' texts if `message` is an instance of `template`, the
/// first way of cutting it (shortest texts first) that `accept` takes.
fn capture_where<'m>(template: &str, message: &'m str, accept: &dyn Fn(&[&'m str]) -> bool) -> Option<Vec<&'m str>> {
    let (literals, _) = parts(template);
    fn go<'m>(literals: &[&str], msg: &'m str, out: &mut Vec<&'m str>, accept: &dyn Fn(&[&'m str]) -> bool) -> bool {
        match literals {
            [] => msg.is_empty() && accept(out),
            [last] => msg == *last && accept(out),
            [lit, rest @ ..] => {
                let Some(after) = msg.strip_prefix(lit) else { return false };
                // The placeholder takes the shortest text after which the rest matches.
                let next = rest[0];
                if next.is_empty() && rest.len() == 1 {
                    // The last placeholder ends the message: it takes all of it.
                    out.push(after);
                    if accept(out) {
                        return true;
                    }
                    out.pop();
                    return false;
                }
                let mut from = 0;
                while let Some(i) = after[from..].find(next).map(|i| i + from) {
                    out.push(&after[..i]);
                    if go(rest, &after[i..], out, accept) {
                        return true;
                    }
                    out.pop();
                    from = i + after[i..].chars().next().map_or(1, char::len_utf8);
                }
                false
            }
        }
    }
    let mut out = vec![];
    if literals.len() == 1 {
        return (message == literals[0] && accept(&out)).then_some(out);
    }
    go(&literals, message, &mut out, accept).then_some(out)
}

/// Every message the catalogue knows: the general ones above and those of
/// each area.
fn catalogue() -> impl Iterator<Item = &'static Entry> {
    CATALOGUE
        .iter()
        .chain(records::ENTRIES)
        .chain(files::ENTRIES)
        .chain(import::ENTRIES)
        .chain(work::ENTRIES)
        .chain(template::ENTRIES)
        .chain(cli::ENTRIES)
        .chain(team::ENTRIES)
}

/// How much fixed text a template has: of two templates that both match a
/// message, the one with more fixed text says more about it.
fn weight(template: &str) -> usize {
    parts(template).0.iter().map(|l| l.len()).sum()
}

/// `text` as an instance of one of `entries` in `lang`; `None` when no entry
/// matches or the matching one has no translation.
fn lookup<'e>(entries: impl Iterator<Item = &'e Entry>, lang: Lang, text: &str, depth: u8) -> Option<String> {
    let mut best: Option<(&Entry, Vec<&str>)> = None;
    for entry in entries {
        if best.as_ref().is_some_and(|(b, _)| weight(b[0]) >= weight(entry[0])) {
            continue;
        }
        // Of the ways to cut the message, one whose parts are all known
        // (“column 3” + “is never closed”, not “column” + “3 is never…”).
        let (_, names) = parts(entry[0]);
        let known = |values: &[&str]| {
            names.iter().zip(values).all(|(n, v)| !n.starts_with('_') || depth > 3 || translate_part(lang, v, depth + 1) != *v || lang == Lang::En)
        };
        if let Some(values) = capture_where(entry[0], text, &known).or_else(|| capture(entry[0], text)) {
            best = Some((entry, values));
        }
    }
    let (entry, values) = best?;
    let target = entry[column(lang)];
    if target.is_empty() {
        return None;
    }
    let (_, names) = parts(entry[0]);
    let mut out = target.to_string();
    for (name, value) in names.iter().zip(values) {
        // A `_` placeholder holds a part of the sentence in English: it is
        // translated too; any other holds the user's data and stays as it is.
        let value = if name.starts_with('_') { translate_part(lang, value, depth + 1) } else { value.to_string() };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    Some(out)
}

fn translate_part(lang: Lang, english: &str, depth: u8) -> String {
    if depth > 4 {
        return english.to_string();
    }
    lookup(catalogue(), lang, english, depth).or_else(|| lookup(parts::PARTS.iter(), lang, english, depth)).unwrap_or_else(|| english.to_string())
}

/// `english` in `lang`, or `english` itself when it has no translation yet.
pub fn translate(lang: Lang, english: &str) -> String {
    if lang == Lang::En {
        return english.to_string();
    }
    lookup(catalogue(), lang, english, 0).unwrap_or_else(|| english.to_string())
}

/// The quotation marks people of `lang` write around a name.
fn quoted(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => format!("“{text}”"),
        Lang::Ru | Lang::El => format!("«{text}»"),
        Lang::Bg => format!("„{text}“"),
        Lang::Hu => format!("„{text}”"),
    }
}

impl Error {
    /// The same error with its message in `lang` (code and field unchanged).
    pub fn localized(mut self, lang: Lang) -> Error {
        self.message = translate(lang, &self.message);
        if let Some(field) = &self.field {
            // A field named in English inside the message (“Phone”) reads in the language too.
            if let (Some(en), Some(l)) = (crate::validate::label(Lang::En, field), crate::validate::label(lang, field)) {
                for en_quoted in [quoted(Lang::En, en), quoted(lang, en)] {
                    self.message = self.message.replace(&en_quoted, &quoted(lang, l));
                }
            }
        }
        self
    }
}

/// A result the core hands to people with messages inside (an import's
/// refused rows and warnings): the same result with those messages in `lang`.
pub trait Localize {
    fn localized(self, lang: Lang) -> Self;
}

impl Localize for crate::interop::Problem {
    fn localized(mut self, lang: Lang) -> Self {
        self.message = translate(lang, &self.message);
        self
    }
}

impl<T: Localize> Localize for Vec<T> {
    fn localized(self, lang: Lang) -> Self {
        self.into_iter().map(|x| x.localized(lang)).collect()
    }
}

impl Localize for crate::usecases::import::ImportSummary {
    fn localized(mut self, lang: Lang) -> Self {
        self.refused = self.refused.localized(lang);
        self.warnings = self.warnings.localized(lang);
        self.bad_values = self.bad_values.localized(lang);
        self
    }
}

impl Localize for crate::usecases::documents::SavedDocument {
    fn localized(mut self, lang: Lang) -> Self {
        self.warnings = self.warnings.into_iter().map(|w| translate(lang, &w)).collect();
        self
    }
}

impl Localize for crate::usecases::import::ImportPreview {
    fn localized(mut self, lang: Lang) -> Self {
        self.summary = self.summary.localized(lang);
        self
    }
}

impl Localize for crate::usecases::import_history::DealImportSummary {
    fn localized(mut self, lang: Lang) -> Self {
        self.refused = self.refused.localized(lang);
        self.warnings = self.warnings.localized(lang);
        self
    }
}

impl Localize for crate::usecases::import_history::OrderImportSummary {
    fn localized(mut self, lang: Lang) -> Self {
        self.refused = self.refused.localized(lang);
        self.warnings = self.warnings.localized(lang);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn a_message_reaches_every_language_with_its_details_and_code() {
        let e = Error::new(ErrorCode::InvalidFile, "contacts.csv:17: the file cannot be read as CSV (unclosed quote). Export it again as CSV.");
        let ru = e.clone().localized(Lang::Ru);
        assert_eq!(ru.message, "contacts.csv:17: файл не читается как CSV (unclosed quote). Выгрузите его заново в формате CSV.");
        assert_eq!(ru.code, ErrorCode::InvalidFile);
        let bg = e.clone().localized(Lang::Bg).message;
        assert!(bg.starts_with("contacts.csv:17: файлът не може") && bg.contains("(unclosed quote)"), "{bg}");
        let el = e.clone().localized(Lang::El).message;
        assert!(el.contains("contacts.csv:17") && el.contains("δεν διαβάζεται"), "{el}");
        let hu = e.clone().localized(Lang::Hu).message;
        assert!(hu.contains("contacts.csv:17") && hu.contains("nem olvasható"), "{hu}");
        assert_eq!(e.clone().localized(Lang::En), e);
    }

    #[test]
    fn a_message_without_a_translation_stays_in_english() {
        let e = Error::validation("deal.title", "A message someone added today, with 3 details.");
        for lang in Lang::ALL {
            let l = e.clone().localized(*lang);
            assert_eq!(l, e, "{lang}");
        }
    }

    #[test]
    fn values_inside_a_message_are_kept_exactly() {
        let msg = "“+36 (1) 234-5678 ext. 9 / call after 5 pm, not before; more text here to go past fifty” is not a phone number (at most 50 characters).";
        let hu = translate(Lang::Hu, msg);
        assert_eq!(hu, "„+36 (1) 234-5678 ext. 9 / call after 5 pm, not before; more text here to go past fifty” nem telefonszám (legfeljebb 50 karakter).");
        let not_found = translate(Lang::El, "Deal #42 was not found. It may have been archived; refresh the list and try again.");
        assert!(not_found.starts_with("Η ευκαιρία #42 δεν βρέθηκε"), "{not_found}");
    }

    #[test]
    fn validation_messages_name_the_field_in_the_language() {
        let e = crate::validate::required("contact.phone", "", 50).unwrap_err().localized(Lang::Ru);
        assert_eq!(e.field.as_deref(), Some("contact.phone"));
        assert!(e.message.contains("Телефон") && e.message.contains("Заполните"), "{}", e.message);
    }

    #[test]
    fn validation_messages_name_the_field_in_each_language() {
        let e = crate::validate::required("contact.phone", "", 50).unwrap_err();
        assert_eq!(e.clone().localized(Lang::Bg).message, "Полето „Телефон“ е празно. Попълнете го.");
        assert_eq!(e.clone().localized(Lang::El).message, "Το πεδίο «Τηλέφωνο» είναι κενό. Συμπληρώστε το.");
        assert_eq!(e.clone().localized(Lang::Hu).message, "A(z) „Telefon” mező üres. Töltse ki.");
    }

    #[test]
    fn a_message_put_together_from_parts_is_translated_part_by_part() {
        // The CSV quote refusal: where the quote opens and what it does are parts.
        let never = "contacts.csv:4: the quote that opens here in column “Notes” is never closed, so it would swallow the lines after it. Nothing was imported; add the missing quote (or remove the stray one) and import again.";
        assert!(
            translate(Lang::Bg, never).starts_with("contacts.csv:4: кавичката, отворена тук в колона „Notes“, не се затваря никъде"),
            "{}",
            translate(Lang::Bg, never)
        );
        let later = "c.csv:2: the quote that opens here in column 3 closes only lines later and leaves its row with 5 fields instead of the header's 4, so it would swallow the lines after it. Nothing was imported; add the missing quote (or remove the stray one) and import again.";
        let hu = translate(Lang::Hu, later);
        assert!(
            hu.starts_with(
                "c.csv:2: az itt, a(z) 3. oszlopban nyíló idézőjel csak sorokkal később záródik, és a sorban 5 mezőt hagy a fejléc 4 mezője helyett"
            ),
            "{hu}"
        );
        // A status inside a sentence.
        assert_eq!(translate(Lang::Bg, "Deal #3 is already won."), "Сделка №3 вече е спечелена.");
        assert_eq!(translate(Lang::El, "Deal #3 is lost; reopen it first."), "Η ευκαιρία #3 είναι χαμένη· ανοίξτε την πρώτα ξανά.");
        // A template's problem inside the file's place inside the refusal.
        let t = "my.json: steps.first_deal[0].name: is empty; fill it in. Nothing was changed; fix the file and try again.";
        assert_eq!(translate(Lang::Ru, t), "my.json: steps.first_deal[0].name: пусто; заполните. Ничего не изменено; исправьте файл и попробуйте снова.");
        // A custom field's value: the kind of value it is not.
        let cf = "“Fleet size”: “many” is not a number (such as 12 or 3.5).";
        assert_eq!(translate(Lang::Hu, cf), "„Fleet size”: a(z) „many” nem szám (például 12 vagy 3,5).");
        // The user's data is never taken for a part: a name that is a status word stays.
        assert_eq!(translate(Lang::Ru, "“won” is still open."), "«won» ещё не выполнено.");
    }

    #[test]
    fn an_import_report_reads_in_the_language() {
        use crate::usecases::import_history::{HistoryOptions, import_orders};
        let mut st = crate::store::testing::store();
        let text = "Дата;Документ;Контрагент;Сумма\n15.01.2026;15;Alpha;lots\n";
        let o = HistoryOptions::new("sales.csv");
        let s = import_orders(&mut st, &crate::store::testing::clock(), text.as_bytes(), &o, true, &mut |_| true).unwrap();
        assert_eq!(s.refused.len(), 1, "{:?}", s.refused);
        let el = s.clone().localized(Lang::El);
        assert_eq!(el.refused[0].message, "Το «lots» δεν είναι ποσό (1500, 1 500,50 ή 1,500.50).");
        assert_eq!((el.refused[0].line, &el.refused[0].field), (s.refused[0].line, &s.refused[0].field));
        let hu = s.localized(Lang::Hu);
        assert_eq!(hu.refused[0].message, "A(z) „lots” nem összeg (1500, 1 500,50 vagy 1,500.50).");
    }

    #[test]
    fn the_most_specific_template_wins() {
        let both = "The street of address 2 is 301 characters long; the limit is 300. Shorten it.";
        assert_eq!(translate(Lang::Ru, both), "В поле «улица» (адрес 2) 301 символов, а можно не больше 300. Сократите его.");
    }

    #[test]
    fn translations_keep_the_placeholders_of_the_english() {
        for entry in catalogue().chain(parts::PARTS) {
            let (_, mut en) = parts(entry[0]);
            en.sort();
            for t in &entry[1..] {
                assert!(!t.is_empty(), "every language has the message: {}", entry[0]);
                let (_, mut names) = parts(t);
                names.sort();
                assert_eq!(names, en, "{t}");
            }
            assert!(capture(entry[0], entry[0]).is_some(), "a template matches itself: {}", entry[0]);
        }
    }

    #[test]
    fn no_message_is_in_the_catalogue_twice() {
        let mut seen = std::collections::BTreeSet::new();
        for entry in catalogue() {
            assert!(seen.insert(normalise(entry[0])), "twice: {}", entry[0]);
        }
    }

    /// The core's source files, tests left out.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.file_name().unwrap().to_string_lossy().contains("test") {
                    out.push(p);
                }
            }
        }
        let mut files = vec![];
        let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        walk(&core.join("src"), &mut files);
        // The app's shell writes a few messages of its own; they reach people the same way.
        walk(&core.join("../../src-tauri/src"), &mut files);
        // So does the command line (its errors are shown in LANG's language).
        walk(&core.join("../cli/src"), &mut files);
        files.sort();
        files
            .into_iter()
            // The catalogue itself is not a place messages are written.
            .filter(|f| !f.components().any(|c| c.as_os_str() == "messages") && !f.ends_with("messages.rs"))
            .map(|f| {
                let text = std::fs::read_to_string(&f).unwrap();
                let text = text.split("#[cfg(test)]\nmod tests").next().unwrap().to_string();
                (f, text)
            })
            .collect()
    }

    /// The string literals in `code`, unescaped (`\"` is a quote, `\n` a space).
    fn literals(code: &str) -> Vec<String> {
        let mut out = vec![];
        let mut chars = code.chars();
        let mut current: Option<String> = None;
        while let Some(c) = chars.next() {
            match (&mut current, c) {
                (None, '"') => current = Some(String::new()),
                (None, '\'') => {
                    // A char literal ('"', '\\') is no string; a lifetime ('a) is neither.
                    let mut ahead = chars.clone();
                    let close = match ahead.next() {
                        Some('\\') => ahead.nth(1),
                        Some(_) => ahead.next(),
                        None => None,
                    };
                    if close == Some('\'') {
                        chars = ahead;
                    }
                }
                (None, _) => {}
                (Some(lit), '\\') => match chars.next() {
                    Some('n') => lit.push(' '),
                    Some('\n') => {
                        // A line continuation: the next line's indentation is not text.
                        let rest: String = chars.clone().collect();
                        let skip = rest.len() - rest.trim_start().len();
                        for _ in 0..rest[..skip].chars().count() {
                            chars.next();
                        }
                    }
                    Some(x) => lit.push(x),
                    None => {}
                },
                (Some(_), '"') => out.push(current.take().unwrap()),
                (Some(lit), _) => lit.push(c),
            }
        }
        out
    }

    /// Where each call that makes an error or a problem starts, and what
    /// follows it up to its closing parenthesis: `Error::…(`, `Problem::at(`,
    /// a `message:` field, and the template checker's `bad(file, path, …)`.
    fn calls(text: &str) -> Vec<&str> {
        let mut out = vec![];
        for start in ["Error::new(", "Error::validation(", "Error::internal(", "Problem::at(", "message: ", "bad(", "let msg = "] {
            for (i, _) in text.match_indices(start) {
                let rest = &text[i + start.len()..];
                if start == "bad(" && !rest.trim_start().starts_with("file") {
                    // Only the template checker's `bad(file, path, message)`; other `bad`s make their message inside.
                    continue;
                }
                let (mut depth, mut in_str, mut escaped, mut end) = (1i32, false, false, rest.len());
                for (j, c) in rest.char_indices() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' if in_str => escaped = true,
                        '"' => in_str = !in_str,
                        '(' | '{' | '[' if !in_str => depth += 1,
                        ')' | '}' | ']' if !in_str => {
                            depth -= 1;
                            if depth == 0 {
                                end = j;
                                break;
                            }
                        }
                        ',' | ';' if !in_str && depth == 1 && (start == "message: " || start == "let msg = ") => {
                            end = j;
                            break;
                        }
                        _ => {}
                    }
                }
                out.push(&rest[..end]);
            }
        }
        out
    }

    /// The messages the core writes, read from its source: every call's
    /// longest string literal with a space (the message, written inline or
    /// built with `format!`), placeholders as `{}`.
    fn source_messages() -> std::collections::BTreeSet<String> {
        let mut found = std::collections::BTreeSet::new();
        for (_, text) in sources() {
            for call in calls(&text) {
                if let Some(m) = literals(call).into_iter().filter(|l| l.contains(' ')).max_by_key(|l| l.len()) {
                    found.insert(normalise(&m));
                }
            }
        }
        found
    }

    fn normalise(t: &str) -> String {
        let (literals, _) = parts(t);
        literals.join("{}")
    }

    /// Every message the core writes has its translation in every language,
    /// and every catalogue entry still names a message in the source.
    #[test]
    fn every_core_message_has_a_translation() {
        let messages = source_messages();
        assert!(messages.len() > 250, "the scan finds the core's messages ({})", messages.len());
        for entry in catalogue() {
            let e = normalise(entry[0]);
            assert!(messages.contains(&e), "a catalogue entry matches no message in the source any more: {}", entry[0]);
        }
        let mut missing = vec![];
        for lang in [Lang::Ru, Lang::Bg, Lang::El, Lang::Hu] {
            for m in &messages {
                if !catalogue().any(|e| normalise(e[0]) == *m && !e[column(lang)].is_empty()) {
                    missing.push(format!("{lang}: {m}"));
                }
            }
        }
        assert!(missing.is_empty(), "{} messages have no translation; add them to the catalogue:\n{}", missing.len(), missing.join("\n"));
    }

    /// A call that makes an error from no literal text passes on a message
    /// made elsewhere (and caught by the scan there) or a technical detail;
    /// each such form is named here, so a new one is looked at.
    #[test]
    fn every_error_without_a_literal_message_is_known() {
        const KNOWN: &[&str] = &[
            "e.to_string()",  // serde's description of broken JSON the core wrote itself
            "ROLL_BACK",      // a marker that never leaves the core
            "e.message",      // an error's message, already in the catalogue
            "message.into()", // `Error::new` itself
            "Into<String>",   // the constructors' parameters
            "ErrorCode::Internal, message",
            "impl std::fmt::Display", // the template checker's `bad` itself
        ];
        let mut unknown = vec![];
        for (f, text) in sources() {
            for call in calls(&text) {
                // A struct's `message: String` field is no call.
                if literals(call).iter().any(|l| l.contains(' '))
                    || KNOWN.iter().any(|k| call.contains(k))
                    || call.trim() == "String"
                    || call.trim().ends_with("msg")
                {
                    continue;
                }
                unknown.push(format!("{}: {}", f.display(), call.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
        }
        assert!(unknown.is_empty(), "errors made from text the scan does not see:\n{}", unknown.join("\n"));
    }

    /// Every part (a status, a kind, a clause) is text some message of the core is made from.
    #[test]
    fn every_part_is_written_somewhere_in_the_core() {
        let mut all = std::collections::BTreeSet::new();
        for (_, text) in sources() {
            all.extend(literals(&text).iter().map(|l| normalise(l)));
        }
        for p in parts::PARTS {
            assert!(all.contains(&normalise(p[0])), "a part no message is made from: {}", p[0]);
        }
    }
}
