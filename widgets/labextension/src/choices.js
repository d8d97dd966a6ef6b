/* Radio buttons as one group (ickit.views.choices.Choices): ipywidgets' own RadioButtonsView,
 * whose buttons a screen reader meets one by one and the Tab key stops at each, made a group
 * named by its question: one stop for Tab, the arrow keys move between the choices (the browser
 * clicks the one it moves to, which ipywidgets' view hears as it hears a click).
 *
 * Relies on RadioButtonsView building its buttons in `this.container` during `update` (see
 * ickit/upstream.py, "RadioButtonsView"). Loaded only when a page shows the kit's widgets. */
import { RadioButtonsView } from "@jupyter-widgets/controls";

let groups = 0; // each view's buttons a name of their own, so that views of one model stay apart

export class ChoicesView extends RadioButtonsView {
  render() {
    this.group = `ickit-choices-${++groups}`;
    super.render();
    // in JupyterLab the arrow keys move between a notebook's cells: here they are the buttons'
    // (tests/browser/test_notebooks_in_lab.py presses them)
    this.container.addEventListener("keydown", (event) => {
      if (event.key.startsWith("Arrow")) event.stopPropagation();
    });
  }

  /* After any change of the model (the question's among them), which may build the buttons anew. */
  update(options) {
    const updated = super.update(options);
    const question = this.model.get("question");
    this.container.setAttribute("role", "radiogroup");
    if (question) this.container.setAttribute("aria-label", question);
    else this.container.removeAttribute("aria-label");
    for (const radio of this.container.querySelectorAll('input[type="radio"]')) radio.name = this.group;
    return updated;
  }
}
