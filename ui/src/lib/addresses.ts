// Pure helpers of the address editor in the profile (no IPC; vitest covers them).

import type { Address } from "./bindings/Address";
import type { AddressInput } from "./bindings/AddressInput";
import type { AddressKind } from "./bindings/AddressKind";
import type { AddressOwner } from "./bindings/AddressOwner";

/** Every kind, in the order the picker lists them. */
export const ADDRESS_KINDS: readonly AddressKind[] = ["office", "delivery", "billing", "home", "other"];

export function emptyAddress(kind: AddressKind): AddressInput {
  return { kind, street: "", city: "", region: "", postcode: "", country: "" };
}

/** What the editor starts from: the stored address as it is. */
export function addressInput(a: Address): AddressInput {
  return { kind: a.kind, street: a.street, city: a.city, region: a.region, postcode: a.postcode, country: a.country };
}

/** The addresses of one owner, in the profile's order. */
export function addressesOf(all: readonly Address[], owner: AddressOwner): Address[] {
  return all.filter((a) => a.owner.kind === owner.kind && a.owner.id === owner.id);
}

import type { ChannelInput } from "./bindings/ChannelInput";
import type { ChannelItem } from "./bindings/ChannelItem";
import type { ChannelKind } from "./bindings/ChannelKind";

/** Every kind of phone or e-mail, in the order the picker lists them. */
export const CHANNEL_KINDS: readonly ChannelKind[] = ["mobile", "work", "home", "fax", "pager", "other"];

/** What the editor starts from: the stored phone or e-mail as it is. */
export function channelInput(c: ChannelItem): ChannelInput {
  return { value: c.value, kind: c.kind, preferred: c.preferred };
}

/** One contact's phones and e-mails from the profile's list, in order. */
export function channelsOf(all: readonly ChannelItem[], contactId: number, what: "phone" | "email"): ChannelItem[] {
  return all.filter((c) => c.contact_id === contactId && c.is_phone === (what === "phone"));
}

import type { ContactDetails } from "./bindings/ContactDetails";
import type { ContactDetailsOf } from "./bindings/ContactDetailsOf";

/** The details a contact keeps beside its names, in the order the editor shows them. */
export const DETAIL_FIELDS = ["display_name", "additional", "prefix", "suffix", "nickname", "department", "role", "website"] as const;

export function emptyDetails(): ContactDetails {
  return { display_name: "", additional: "", prefix: "", suffix: "", nickname: "", department: "", role: "", website: "" };
}

/** One contact's details from the profile's list, or null. */
export function detailsOf(all: readonly ContactDetailsOf[], contactId: number): ContactDetailsOf | null {
  return all.find((d) => d.contact_id === contactId) ?? null;
}
