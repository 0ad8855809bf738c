// The pictures a person can choose for their profile: a shared phone's start screen is read
// by pictures, not names. The ids are stored in profiles.avatar.
export const AVATARS = ['buffalo', 'lotus', 'bamboo', 'sun', 'fish', 'star', 'mountain', 'rice'] as const;

export type AvatarId = (typeof AVATARS)[number];

export function isAvatar(id: string | null | undefined): id is AvatarId {
  return AVATARS.includes(id as AvatarId);
}
