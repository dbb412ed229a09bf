/** Version 1 of a library class: a record that keeps its component as given. */
public record Box(double v) {
}
