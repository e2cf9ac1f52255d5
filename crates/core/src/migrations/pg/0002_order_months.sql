-- 0002 (workspace schema 15, as 0015_order_months.sql): the live orders'
-- turnover per company and calendar month ('YYYY-MM' of order_date), kept
-- equal to
--   SELECT company_id, to_char(order_date, 'YYYY-MM'), sum(amount_minor), count(*)
--   FROM orders WHERE archived_at IS NULL GROUP BY 1, 2
-- by one trigger function on every insert, delete and change of an order's
-- company, date, amount or archiving: the old row is taken out, the new one
-- put in, a month's last order takes its row with it. Promote copies the
-- file's summary with the triggers switched off (store/pg/copy.rs).

CREATE TABLE order_months (
    company_id   bigint NOT NULL REFERENCES companies (id) DEFERRABLE,
    month        text   NOT NULL CHECK (length(month) = 7),
    amount_minor bigint NOT NULL,
    orders       bigint NOT NULL CHECK (orders > 0),
    PRIMARY KEY (company_id, month)
);

INSERT INTO order_months (company_id, month, amount_minor, orders)
SELECT company_id, to_char(order_date, 'YYYY-MM'), sum(amount_minor), count(*)
FROM orders WHERE archived_at IS NULL
GROUP BY 1, 2;

CREATE FUNCTION order_months_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.archived_at IS NULL THEN
        DELETE FROM order_months m
        WHERE m.company_id = OLD.company_id AND m.month = to_char(OLD.order_date, 'YYYY-MM') AND m.orders = 1;
        UPDATE order_months m SET amount_minor = m.amount_minor - OLD.amount_minor, orders = m.orders - 1
        WHERE m.company_id = OLD.company_id AND m.month = to_char(OLD.order_date, 'YYYY-MM') AND m.orders > 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.archived_at IS NULL THEN
        INSERT INTO order_months AS m (company_id, month, amount_minor, orders)
        VALUES (NEW.company_id, to_char(NEW.order_date, 'YYYY-MM'), NEW.amount_minor, 1)
        ON CONFLICT (company_id, month) DO UPDATE SET amount_minor = m.amount_minor + EXCLUDED.amount_minor, orders = m.orders + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER order_months_insert AFTER INSERT ON orders
    FOR EACH ROW WHEN (NEW.archived_at IS NULL) EXECUTE FUNCTION order_months_keep();
CREATE TRIGGER order_months_delete AFTER DELETE ON orders
    FOR EACH ROW WHEN (OLD.archived_at IS NULL) EXECUTE FUNCTION order_months_keep();
CREATE TRIGGER order_months_update AFTER UPDATE OF company_id, order_date, amount_minor, archived_at ON orders
    FOR EACH ROW WHEN (OLD.archived_at IS NULL OR NEW.archived_at IS NULL) EXECUTE FUNCTION order_months_keep();
