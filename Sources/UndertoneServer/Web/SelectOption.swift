/// One `<option>` of a page's `<select>`: a filter's choice on the calls page, a verdict on the call page.
struct SelectOption {
    var value: String
    var label: String
    var selected: Bool
}
