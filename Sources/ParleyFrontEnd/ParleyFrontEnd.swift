public enum ParleyFrontEnd {}
