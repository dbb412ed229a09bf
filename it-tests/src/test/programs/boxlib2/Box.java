/** Version 2 of the library class: same API, but the constructor doubles its component. */
public record Box(double v) {
    public Box {
        v = 2 * v;
    }
}
