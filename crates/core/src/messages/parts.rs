//! Parts that messages are put together from: a status, a kind, the name of
//! a record or of a detail, a clause of a sentence. A message's placeholder
//! whose name starts with `_` (`{_status}`) is looked up here (after the
//! whole catalogue) in the reader's language; text found in neither stays
//! as it came (a name, a number, a path).

use super::Entry;

pub(super) const PARTS: &[Entry] = &[
    // Deal statuses (a deal is feminine in ru, bg and el).
    ["won", "выиграна", "спечелена", "κερδισμένη", "megnyert"],
    ["lost", "проиграна", "загубена", "χαμένη", "elvesztett"],
    ["disqualified", "дисквалифицирована", "дисквалифицирана", "αποκλεισμένη", "kizárt"],
    ["open", "открыта", "отворена", "ανοιχτή", "nyitott"],
    // Review issue statuses (an issue: ru/bg masculine, el neuter).
    ["done", "выполнен", "изпълнен", "ολοκληρωμένο", "elvégzett"],
    ["carried", "перенесён", "пренесен", "μεταφερμένο", "áthozott"],
    // Review kinds.
    ["daily", "ежедневный", "ежедневен", "ημερήσια", "napi"],
    ["weekly", "еженедельный", "седмичен", "εβδομαδιαία", "heti"],
    ["monthly", "ежемесячный", "месечен", "μηνιαία", "havi"],
    // Phone kinds that cannot be called.
    ["fax", "факс", "факс", "φαξ", "fax"],
    ["pager", "пейджер", "пейджър", "βομβητής", "személyhívó"],
    // Records, as “Deal #12”.
    ["Activity", "Дело", "Дейност", "Η δραστηριότητα", "A tevékenység"],
    ["Card field", "Поле карточки", "Поле на карта", "Το πεδίο κάρτας", "A kártyamező"],
    ["Company", "Компания", "Фирма", "Η εταιρεία", "A cég"],
    ["Contact", "Контакт", "Контакт", "Η επαφή", "A kapcsolattartó"],
    ["Custom field", "Своё поле", "Собствено поле", "Το προσαρμοσμένο πεδίο", "Az egyéni mező"],
    ["Deal", "Сделка", "Сделка", "Η ευκαιρία", "Az ügylet"],
    ["Issue", "Вопрос", "Въпрос", "Το θέμα", "A kérdés"],
    ["Merge", "Объединение", "Сливане", "Η συγχώνευση", "Az összevonás"],
    ["Order", "Заказ", "Поръчка", "Η παραγγελία", "A rendelés"],
    ["Person", "Сотрудник", "Служител", "Το πρόσωπο", "A személy"],
    ["Regulation", "Регламент", "Регламент", "Ο κανονισμός", "A szabályzat"],
    ["Review", "Разбор", "Преглед", "Η ανασκόπηση", "Az értékelés"],
    ["Role hand-over", "Передача роли", "Предаване на роля", "Η παράδοση ρόλου", "A szerepátadás"],
    ["Script", "Скрипт", "Скрипт", "Το σενάριο", "A forgatókönyv"],
    ["Script version", "Версия скрипта", "Версия на скрипт", "Η έκδοση σεναρίου", "A forgatókönyv-változat"],
    ["Step", "Шаг", "Стъпка", "Το βήμα", "A lépés"],
    ["Task", "Задача", "Задача", "Η εργασία", "A feladat"],
    // What a custom field's value is not.
    ["a number (such as 12 or 3.5)", "число (например, 12 или 3,5)", "число (например 12 или 3,5)", "αριθμός (π.χ. 12 ή 3,5)", "szám (például 12 vagy 3,5)"],
    [
        "an amount of money (such as 1250 or 1250.50)",
        "денежная сумма (например, 1250 или 1250,50)",
        "парична сума (например 1250 или 1250,50)",
        "χρηματικό ποσό (π.χ. 1250 ή 1250,50)",
        "pénzösszeg (például 1250 vagy 1250,50)",
    ],
    ["a date (write it as YYYY-MM-DD)", "дата (пишите ГГГГ-ММ-ДД)", "дата (пишете ГГГГ-ММ-ДД)", "ημερομηνία (γράψτε ΕΕΕΕ-ΜΜ-ΗΗ)", "dátum (ÉÉÉÉ-HH-NN alakban)"],
    ["yes or no", "«да» или «нет»", "„да“ или „не“", "«ναι» ή «όχι»", "„igen” vagy „nem”"],
    // What an imported order lacks.
    ["date", "дата", "дата", "ημερομηνία", "dátum"],
    ["client", "клиент", "клиент", "πελάτης", "ügyfél"],
    ["amount", "сумма", "сума", "ποσό", "összeg"],
    // Where and how a CSV quote swallows lines.
    ["column “{h}”", "столбце «{h}»", "колона „{h}“", "στήλη «{h}»", "„{h}” oszlopban"],
    ["column {n}", "столбце {n}", "колона {n}", "στήλη {n}", "{n}. oszlopban"],
    ["is never closed", "нигде не закрывается", "не се затваря никъде", "δεν κλείνουν πουθενά", "sehol sem záródik"],
    [
        "closes only lines later and leaves its row with {fields} fields instead of the header's {ncols}",
        "закрывается лишь через несколько строк и оставляет в строке {fields} полей вместо {ncols} из заголовка",
        "се затваря чак няколко реда по-късно и оставя реда с {fields} полета вместо {ncols} от заглавието",
        "κλείνουν μόνο μερικές γραμμές αργότερα και αφήνουν τη γραμμή με {fields} πεδία αντί για τα {ncols} της επικεφαλίδας",
        "csak sorokkal később záródik, és a sorban {fields} mezőt hagy a fejléc {ncols} mezője helyett",
    ],
    [
        "the missing ones are read as empty",
        "недостающие читаются как пустые",
        "липсващите се четат като празни",
        "όσα λείπουν διαβάζονται ως κενά",
        "a hiányzókat üresnek vesszük",
    ],
    ["the extra ones are ignored", "лишние пропускаются", "излишните се пропускат", "τα επιπλέον αγνοούνται", "a fölöslegeseket figyelmen kívül hagyjuk"],
    // What to do after a failed file operation.
    [
        "Check that you may write there, or choose another folder.",
        "Проверьте, что туда можно записывать, или выберите другую папку.",
        "Проверете дали там може да се пише, или изберете друга папка.",
        "Ελέγξτε ότι επιτρέπεται η εγγραφή εκεί ή επιλέξτε άλλο φάκελο.",
        "Ellenőrizze, hogy oda írhat-e, vagy válasszon másik mappát.",
    ],
    [
        "Check that the folder exists.",
        "Проверьте, что папка существует.",
        "Проверете дали папката съществува.",
        "Ελέγξτε ότι ο φάκελος υπάρχει.",
        "Ellenőrizze, hogy a mappa létezik-e.",
    ],
    [
        "Check the file and its folder.",
        "Проверьте файл и его папку.",
        "Проверете файла и папката му.",
        "Ελέγξτε το αρχείο και τον φάκελό του.",
        "Ellenőrizze a fájlt és a mappáját.",
    ],
    // Who holds a workspace open.
    [
        "{program} (process {pid}) on {host} since {since}",
        "{program} (процесс {pid}) на {host} с {since}",
        "{program} (процес {pid}) на {host} от {since}",
        "{program} (διεργασία {pid}) στο {host} από {since}",
        "{program} (folyamat: {pid}) a(z) {host} gépen {since} óta",
    ],
    [
        "this program, under another name",
        "этой программе, под другим именем",
        "тази програма, под друго име",
        "αυτό το πρόγραμμα, με άλλο όνομα",
        "ebben a programban, más néven",
    ],
    ["another program", "другой программе", "друга програма", "άλλο πρόγραμμα", "egy másik programban"],
    // A contact's details and an address's parts.
    ["display name", "отображаемое имя", "показвано име", "εμφανιζόμενο όνομα", "megjelenített név"],
    ["additional name", "отчество или второе имя", "презиме", "μεσαίο όνομα", "további utónév"],
    ["prefix", "обращение", "обръщение", "πρόθεμα", "előtag"],
    ["suffix", "суффикс имени", "наставка към името", "επίθημα", "utótag"],
    ["nickname", "псевдоним", "прякор", "υποκοριστικό", "becenév"],
    ["department", "отдел", "отдел", "τμήμα", "részleg"],
    ["role", "роль", "роля", "ρόλος", "szerepkör"],
    ["website", "сайт", "уебсайт", "ιστότοπος", "weboldal"],
    ["street", "улица", "улица", "οδός", "utca"],
    ["city", "город", "град", "πόλη", "település"],
    ["region", "регион", "област", "περιφέρεια", "megye"],
    ["postcode", "индекс", "пощенски код", "ταχυδρομικός κώδικας", "irányítószám"],
    ["country", "страна", "държава", "χώρα", "ország"],
    ["address {n}", "адрес {n}", "адрес {n}", "διεύθυνση {n}", "{n}. cím"],
    // What a file that is no text is.
    ["a PDF document", "документ PDF", "PDF документ", "έγγραφο PDF", "PDF-dokumentum"],
    [
        "a ZIP archive (or an Excel .xlsx file; save it as CSV first)",
        "архив ZIP (или файл Excel .xlsx; сначала сохраните его как CSV)",
        "ZIP архив (или файл на Excel .xlsx; първо го запишете като CSV)",
        "αρχείο ZIP (ή αρχείο Excel .xlsx· αποθηκεύστε το πρώτα ως CSV)",
        "ZIP-archívum (vagy Excel .xlsx fájl; előbb mentse CSV-ként)",
    ],
    ["a PNG image", "изображение PNG", "PNG изображение", "εικόνα PNG", "PNG-kép"],
    ["a JPEG image", "изображение JPEG", "JPEG изображение", "εικόνα JPEG", "JPEG-kép"],
    ["an SQLite database", "база данных SQLite", "база данни SQLite", "βάση δεδομένων SQLite", "SQLite-adatbázis"],
    [
        "an old Office document (save it as CSV first)",
        "старый документ Office (сначала сохраните его как CSV)",
        "стар документ на Office (първо го запишете като CSV)",
        "παλιό έγγραφο Office (αποθηκεύστε το πρώτα ως CSV)",
        "régi Office-dokumentum (előbb mentse CSV-ként)",
    ],
    ["a GIF image", "изображение GIF", "GIF изображение", "εικόνα GIF", "GIF-kép"],
    ["a binary file", "двоичный файл", "двоичен файл", "δυαδικό αρχείο", "bináris fájl"],
];
