// The person whose profile is open on this device. The Rust side holds the open profile and
// checks the PIN (src-tauri person.rs); this module mirrors it for the screens and puts the
// person's display preferences on the page.
import { ipc, type Display, type NewProfile, type Opened, type Profile, type ProfileEdit } from './ipc';
import { applyDisplay } from './display';
import { voice } from './voice.svelte';

let opened = $state<Opened | null>(null);

function enter(someone: Opened): void {
  opened = someone;
  applyDisplay(someone.display);
}

export const person = {
  /** Who is open, with their display preferences; null on the start screen. */
  get current(): Opened | null {
    return opened;
  },

  /**
   * Everything read aloud (the low-literacy mode): the open person's setting, synced with
   * their profile. Off while nobody is open.
   */
  get readAloud(): boolean {
    return opened?.profile.read_aloud ?? false;
  },

  /** Opens a profile; one with a PIN needs it, and a wrong PIN throws the store's error. */
  async open(id: string, pin: string | null): Promise<void> {
    enter(await ipc.openProfile(id, pin));
  },

  /** Makes a profile on this device and opens it. */
  async create(profile: NewProfile): Promise<void> {
    enter(await ipc.createProfile(profile));
  },

  /**
   * Closes the open profile. The app also does this whenever its window loads: a reloaded
   * window asks "who is learning?" and the PIN again, so nobody stays signed in behind it.
   */
  async close(): Promise<void> {
    await ipc.closeProfile();
    voice.stop();
    opened = null;
    applyDisplay(null);
  },

  async setDisplay(display: Display): Promise<void> {
    const saved = await ipc.setDisplay(display);
    if (!opened) return;
    opened = { ...opened, display: saved };
    applyDisplay(saved);
  },

  /** Switches the low-literacy mode on or off for the open person. */
  async setReadAloud(on: boolean): Promise<void> {
    const profile = await ipc.setReadAloud(on);
    if (opened && opened.profile.id === profile.id) opened = { ...opened, profile };
  },

  /** Sets the PIN, or removes it with null. */
  async setPin(pin: string | null): Promise<void> {
    await ipc.setPin(pin);
    if (opened) opened = { ...opened, profile: { ...opened.profile, has_pin: pin !== null } };
  },

  /** Puts the open person, who started before this device joined a commune, in a village. */
  async place(villageId: string): Promise<void> {
    const profile = await ipc.placeProfile(villageId);
    if (opened) opened = { ...opened, profile };
  },

  async edit(edit: ProfileEdit): Promise<void> {
    const profile = await ipc.editProfile(edit);
    if (opened) opened = { ...opened, profile };
  },

  /** Takes the profile as the device holds it now (sync may have changed it). */
  refresh(profile: Profile): void {
    if (opened && opened.profile.id === profile.id) opened = { ...opened, profile };
  },
};
