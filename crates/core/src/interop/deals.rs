//! Deals and orders from other programs: which column holds which field, by
//! the header names the exports of Pipedrive, HubSpot, Kommo/amoCRM,
//! Bitrix24 and accounting programs (1C-like sales reports) write, and by
//! plain names in English and Russian; and what a stage value means.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A deal field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DealField {
    ExternalId,
    Title,
    Company,
    /// The contact's name.
    Contact,
    ContactEmail,
    Owner,
    Stage,
    /// Open, won or lost, when the export keeps it apart from the stage.
    Status,
    Value,
    Currency,
    Created,
    ExpectedClose,
    /// When the deal was won or lost (several columns may map here; the first non-empty counts).
    Closed,
    Source,
    LostReason,
    Product,
    Notes,
}

/// An order field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderField {
    /// The document number (invoice, shipment); keeps a re-import from doubling orders.
    Number,
    Date,
    Client,
    Amount,
    Currency,
    Margin,
    Product,
    Notes,
}

/// Known deal exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DealPreset {
    Auto,
    Pipedrive,
    Hubspot,
    Amocrm,
    Bitrix24,
    Generic,
}

impl DealPreset {
    pub fn parse(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_lowercase()))
            .map_err(|_| Error::validation("preset", format!("“{s}” is not a known deal export. Use auto, pipedrive, hubspot, amocrm, bitrix24 or generic.")))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DealPreset::Auto => "auto",
            DealPreset::Pipedrive => "pipedrive",
            DealPreset::Hubspot => "hubspot",
            DealPreset::Amocrm => "amocrm",
            DealPreset::Bitrix24 => "bitrix24",
            DealPreset::Generic => "generic",
        }
    }
}

impl DealField {
    pub fn parse(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_string())).map_err(|_| {
            Error::validation(
                "mapping",
                format!("“{s}” is not a deal field. Use one of: external_id, title, company, contact, contact_email, owner, stage, status, value, currency, created, expected_close, closed, source, lost_reason, product, notes."),
            )
        })
    }
}

impl OrderField {
    pub fn parse(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_string())).map_err(|_| {
            Error::validation("mapping", format!("“{s}” is not an order field. Use one of: number, date, client, amount, currency, margin, product, notes."))
        })
    }
}

/// One column and the field it fills (None = ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldMapping<F> {
    #[ts(type = "number")]
    pub column: u32,
    pub header: String,
    pub field: Option<F>,
}

/// A header as compared: lower case, letters and digits only (ё as е; й
/// stays й, which search folding would turn into и).
pub fn key(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Recognises a deal export by its headers.
pub fn detect(headers: &[String]) -> DealPreset {
    let keys: Vec<String> = headers.iter().map(|h| key(h)).collect();
    let has = |k: &str| keys.iter().any(|x| x == k);
    if headers.iter().any(|h| h.trim().starts_with("Deal - ") || h.trim().starts_with("Сделка - ")) {
        DealPreset::Pipedrive
    } else if has("recordid") && (has("dealname") || has("dealstage")) {
        DealPreset::Hubspot
    } else if has("бюджет") || has("основнойконтакт") || (has("leadname") && has("sale")) || has("этапсделки") {
        DealPreset::Amocrm
    } else if has("стадиясделки") || has("направление") || (has("stage") && has("responsible") && has("income")) {
        DealPreset::Bitrix24
    } else {
        DealPreset::Generic
    }
}

/// The field a deal export's header names. Pipedrive writes
/// `Deal - Title`, `Organization - Name`, `Person - Email`: the part after
/// the dash names the field of that object.
pub fn deal_field(header: &str) -> Option<DealField> {
    use DealField::*;
    let h = header.trim();
    if let Some((object, rest)) = h.split_once(" - ") {
        let (o, r) = (key(object), key(rest));
        match (o.as_str(), r.as_str()) {
            ("organization" | "organisation" | "организация", "name" | "название") => return Some(Company),
            ("person" | "контактноелицо" | "контакт", "name" | "имя") => return Some(Contact),
            ("person" | "контактноелицо" | "контакт", k) if k.starts_with("email") || k.starts_with("электроннаяпочта") => {
                return Some(ContactEmail);
            }
            ("deal" | "сделка", _) => return deal_field(rest),
            _ => {}
        }
    }
    Some(match key(h).as_str() {
        "id" | "dealid" | "recordid" | "externalid" | "leadid" | "ид" | "идентификатор" | "номер" | "номерсделки" => ExternalId,
        "title"
        | "name"
        | "deal"
        | "dealname"
        | "dealtitle"
        | "opportunity"
        | "opportunityname"
        | "leadname"
        | "lead"
        | "leadtitle"
        | "название"
        | "названиесделки"
        | "сделка"
        | "наименование"
        | "наименованиесделки" => Title,
        "company"
        | "companyname"
        | "account"
        | "accountname"
        | "organization"
        | "organisation"
        | "organizationname"
        | "associatedcompany"
        | "client"
        | "customer"
        | "компания"
        | "названиекомпании"
        | "организация"
        | "клиент"
        | "контрагент"
        | "покупатель" => Company,
        "contact"
        | "contactname"
        | "contactperson"
        | "person"
        | "personname"
        | "associatedcontact"
        | "maincontact"
        | "контакт"
        | "контактноелицо"
        | "основнойконтакт"
        | "клиентконтакт" => Contact,
        "email" | "contactemail" | "personemail" | "emailaddress" | "почта" | "электроннаяпочта" | "emailконтакта" => ContactEmail,
        "owner"
        | "dealowner"
        | "salesagent"
        | "salesrep"
        | "responsible"
        | "responsibleuser"
        | "responsibleperson"
        | "assignedto"
        | "user"
        | "ответственный"
        | "ответственныйменеджер"
        | "менеджер"
        | "владелец"
        | "продавец" => Owner,
        "stage" | "dealstage" | "pipelinestage" | "этап" | "этапсделки" | "стадия" | "стадиясделки" | "статуссделки" => {
            Stage
        }
        "status" | "dealstatus" | "wonlost" | "статус" | "результат" | "состояние" => Status,
        "value"
        | "amount"
        | "dealvalue"
        | "dealamount"
        | "closevalue"
        | "sale"
        | "budget"
        | "revenue"
        | "income"
        | "price"
        | "сумма"
        | "бюджет"
        | "стоимость"
        | "суммасделки"
        | "выручка"
        | "доход" => Value,
        "currency" | "currencycode" | "dealcurrency" | "валюта" => Currency,
        "created"
        | "createdate"
        | "createdat"
        | "createdon"
        | "dealcreated"
        | "datecreated"
        | "creationdate"
        | "addtime"
        | "engagedate"
        | "engaged"
        | "opened"
        | "датасоздания"
        | "создана"
        | "создано"
        | "датаначала"
        | "датаоткрытия" => Created,
        "expectedclosedate"
        | "expectedclose"
        | "estimatedclosedate"
        | "expectedclosingdate"
        | "предполагаемаядатазакрытия"
        | "планируемаядатазакрытия"
        | "ожидаемаядатазакрытия" => ExpectedClose,
        "closed"
        | "closedate"
        | "closetime"
        | "closedat"
        | "closedon"
        | "wontime"
        | "losttime"
        | "dateclosed"
        | "closingdate"
        | "датазакрытия"
        | "закрыта"
        | "датазавершения"
        | "датаокончания" => Closed,
        "source" | "leadsource" | "originalsource" | "sourcechannel" | "channel" | "dealsource" | "источник" | "каналпривлечения" | "источниксделки" => {
            Source
        }
        "lostreason" | "closedlostreason" | "lossreason" | "reasonforloss" | "причинаотказа" | "причинапроигрыша" | "причиназакрытия" => {
            LostReason
        }
        "product" | "products" | "productname" | "товар" | "товары" | "продукт" | "услуга" | "номенклатура" => Product,
        "notes" | "note" | "description" | "dealdescription" | "comment" | "comments" | "примечание" | "примечания" | "комментарий" | "описание" => {
            Notes
        }
        _ => return None,
    })
}

/// The field an order (sales report) header names.
pub fn order_field(header: &str) -> Option<OrderField> {
    use OrderField::*;
    Some(match key(header).as_str() {
        "number"
        | "no"
        | "documentnumber"
        | "invoicenumber"
        | "invoice"
        | "ordernumber"
        | "order"
        | "orderid"
        | "номер"
        | "номердокумента"
        | "документ"
        | "номерзаказа"
        | "номерсчета"
        | "номерреализации"
        | "регистратор" => Number,
        "date"
        | "orderdate"
        | "invoicedate"
        | "documentdate"
        | "dateoforder"
        | "дата"
        | "датадокумента"
        | "датазаказа"
        | "датареализации"
        | "период"
        | "датаотгрузки" => Date,
        "client" | "customer" | "company" | "account" | "buyer" | "клиент" | "покупатель" | "контрагент" | "компания" | "организация" => {
            Client
        }
        "amount" | "total" | "sum" | "value" | "revenue" | "sales" | "сумма" | "суммасндс" | "итого" | "выручка" | "суммадокумента" | "стоимость" => {
            Amount
        }
        "currency" | "валюта" => Currency,
        "margin" | "grossprofit" | "profit" | "маржа" | "валоваяприбыль" | "прибыль" => Margin,
        "product" | "item" | "товар" | "номенклатура" | "продукт" | "услуга" => Product,
        "notes" | "comment" | "description" | "комментарий" | "примечание" => Notes,
        _ => return None,
    })
}

/// What a stage or status value says about the deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

/// Whether a stage or status value closes the deal (`won`, `Closed won`,
/// `Closed - lost`, `Успешно реализовано`, `Сделка провалена`…); `Open`
/// for `open`/`в работе`; `None` for a step's name.
pub fn outcome(value: &str) -> Option<Outcome> {
    let k = key(value);
    Some(match k.as_str() {
        "won"
        | "closedwon"
        | "win"
        | "success"
        | "successful"
        | "dealwon"
        | "выиграна"
        | "выиграно"
        | "выигранная"
        | "успешно"
        | "успешнореализовано"
        | "сделкауспешна"
        | "успешная"
        | "реализовано"
        | "оплачено"
        | "заключена" => Outcome::Won,
        "lost"
        | "closedlost"
        | "lose"
        | "failed"
        | "deallost"
        | "проиграна"
        | "проиграно"
        | "закрытоинереализовано"
        | "сделкапровалена"
        | "провалена"
        | "отказ"
        | "неуспешно"
        | "нереализовано"
        | "потеряна" => Outcome::Lost,
        "open" | "opened" | "inprogress" | "active" | "открыта" | "открыто" | "вработе" | "активна" | "активная" => {
            Outcome::Open
        }
        _ => return None,
    })
}

/// The mapping a file gets from its headers; `user` maps columns by the
/// user's choice (`HEADER=FIELD`, `#N=FIELD` 1-based, FIELD `-` ignores).
pub fn map_columns<F: Copy>(
    headers: &[String],
    auto: impl Fn(&str) -> Option<F>,
    parse: impl Fn(&str) -> Result<F>,
    user: &[String],
) -> Result<Vec<FieldMapping<F>>> {
    let mut m: Vec<FieldMapping<F>> = headers.iter().enumerate().map(|(i, h)| FieldMapping { column: i as u32, header: h.clone(), field: auto(h) }).collect();
    for spec in user {
        let Some((col, field)) = spec.rsplit_once('=') else {
            return Err(Error::validation("map", format!("“{spec}” is not COLUMN=FIELD (for example \"Deal - Title=title\").")));
        };
        let idx = match col.trim().strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n >= 1 && n <= headers.len() => n - 1,
            Some(_) => return Err(Error::validation("map", format!("column {col} does not exist; the file has {} columns.", headers.len()))),
            None => headers
                .iter()
                .position(|h| h.trim() == col.trim())
                .or_else(|| headers.iter().position(|h| key(h) == key(col)))
                .ok_or_else(|| Error::validation("map", format!("the file has no column “{col}”. Its columns: {}.", headers.join(", "))))?,
        };
        m[idx].field = if field.trim() == "-" { None } else { Some(parse(field)?) };
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn exports_are_recognised_by_their_headers() {
        assert_eq!(detect(&h(&["Deal - ID", "Deal - Title", "Deal - Value"])), DealPreset::Pipedrive);
        assert_eq!(detect(&h(&["Record ID", "Deal Name", "Deal Stage", "Amount"])), DealPreset::Hubspot);
        assert_eq!(detect(&h(&["ID", "Название сделки", "Бюджет", "Этап сделки"])), DealPreset::Amocrm);
        assert_eq!(detect(&h(&["ID", "Название", "Стадия сделки", "Сумма"])), DealPreset::Bitrix24);
        assert_eq!(detect(&h(&["deal", "account", "amount"])), DealPreset::Generic);
    }

    #[test]
    fn headers_map_to_fields_in_english_and_russian() {
        use DealField::*;
        assert_eq!(deal_field("Deal - Title"), Some(Title));
        assert_eq!(deal_field("Deal - Organization"), Some(Company));
        assert_eq!(deal_field("Organization - Name"), Some(Company));
        assert_eq!(deal_field("Person - Email"), Some(ContactEmail));
        assert_eq!(deal_field("Deal - Won time"), Some(Closed));
        assert_eq!(deal_field("Deal Stage"), Some(Stage));
        assert_eq!(deal_field("close_value"), Some(Value));
        assert_eq!(deal_field("sales_agent"), Some(Owner));
        assert_eq!(deal_field("Ответственный"), Some(Owner));
        assert_eq!(deal_field("Этап сделки"), Some(Stage));
        assert_eq!(deal_field("Дата закрытия"), Some(Closed));
        assert_eq!(deal_field("Whatever"), None);
        assert_eq!(order_field("Контрагент"), Some(OrderField::Client));
        assert_eq!(order_field("Сумма"), Some(OrderField::Amount));
    }

    #[test]
    fn won_and_lost_values_close_deals() {
        assert_eq!(outcome("Closed Won"), Some(Outcome::Won));
        assert_eq!(outcome("Closed - lost"), Some(Outcome::Lost));
        assert_eq!(outcome("Успешно реализовано"), Some(Outcome::Won));
        assert_eq!(outcome("Закрыто и не реализовано"), Some(Outcome::Lost));
        assert_eq!(outcome("Сделка провалена"), Some(Outcome::Lost));
        assert_eq!(outcome("Переговоры"), None);
    }
}
