// The product mark: three rising bars in a rounded square; decorative, so hidden from assistive tech.
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="cxw-logo">
      <rect width="24" height="24" rx="6" fill="var(--mantine-color-indigo-6)" />
      <rect x="6" y="12" width="3" height="6" rx="1" fill="#fff" opacity="0.7" />
      <rect x="10.5" y="9" width="3" height="9" rx="1" fill="#fff" opacity="0.85" />
      <rect x="15" y="6" width="3" height="12" rx="1" fill="#fff" />
    </svg>
  );
}
