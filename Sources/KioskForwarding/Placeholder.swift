public enum KioskForwardingPlaceholder {}
