import { describe, expect, it } from "vitest";
import type { Address } from "../lib/bindings/Address";
import type { ChannelItem } from "../lib/bindings/ChannelItem";
import { addressInput, addressesOf, channelInput, channelsOf, detailsOf, emptyAddress, emptyDetails } from "../lib/addresses";
import { onlyBadValues, problemLines } from "../lib/interop";

const addr = (id: number, owner: Address["owner"]): Address => ({
  id,
  owner,
  kind: "delivery",
  street: "Gate 3\n12 Wharf Road",
  city: "Grimsby",
  region: "",
  postcode: "DN31",
  country: "",
  line: "Gate 3, 12 Wharf Road, DN31 Grimsby",
});

describe("addresses, phones and details in the profile", () => {
  it("picks one owner's addresses and starts the editor from what is stored", () => {
    const all = [addr(1, { kind: "company", id: 5 }), addr(2, { kind: "contact", id: 5 }), addr(3, { kind: "company", id: 5 })];
    expect(addressesOf(all, { kind: "company", id: 5 }).map((a) => a.id)).toEqual([1, 3]);
    expect(addressesOf(all, { kind: "contact", id: 5 }).map((a) => a.id)).toEqual([2]);
    expect(addressInput(all[0])).toEqual({ kind: "delivery", street: "Gate 3\n12 Wharf Road", city: "Grimsby", region: "", postcode: "DN31", country: "" });
    expect(emptyAddress("home")).toEqual({ kind: "home", street: "", city: "", region: "", postcode: "", country: "" });
  });

  it("splits a contact's phones from its e-mails", () => {
    const ch = (contact_id: number, is_phone: boolean, value: string): ChannelItem => ({ contact_id, is_phone, value, kind: "fax", preferred: false, callable: !is_phone });
    const all = [ch(1, true, "+1"), ch(1, false, "a@b.c"), ch(2, true, "+2")];
    expect(channelsOf(all, 1, "phone").map((c) => c.value)).toEqual(["+1"]);
    expect(channelsOf(all, 1, "email").map((c) => c.value)).toEqual(["a@b.c"]);
    expect(channelInput(all[0])).toEqual({ value: "+1", kind: "fax", preferred: false });
    expect(detailsOf([], 1)).toBeNull();
    expect(Object.values(emptyDetails()).every((v) => v === "")).toBe(true);
  });

  it("offers to import without unreadable values only when they are all the refusals", () => {
    const p = (line: number) => ({ line, card: null, field: "birthday", message: "not a date" });
    expect(onlyBadValues([p(4), p(2)], [p(2), p(4)])).toBe(true);
    expect(onlyBadValues([p(2), p(3)], [p(2)])).toBe(false);
    expect(onlyBadValues([], [])).toBe(false);
    expect(problemLines([p(4), p(2), p(4)])).toEqual([2, 4]);
  });
});
