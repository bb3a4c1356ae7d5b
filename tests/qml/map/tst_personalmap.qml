import QtQuick
import QtCore
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// "Personal map (fast)" chosen and trained from the dashboard on the session's
// small real dataset: a map model over the bundled recurrent model results, is
// evaluated (its validation windows encoded and decoded through the whole
// chain), saved, and loads again from the model library into the session.
Item {
    id: root
    width: 1366
    height: 700

TestCase {
    id: testCase
    name: "PersonalMap"
    when: windowShown
    width: 1366
    height: 700

    SignalSpy { id: modelSpy; target: App.session; signalName: "modelChanged" }
    Component {
        id: trainingComponent
        TrainingView { width: 1366; height: 700 }
    }

    function test_personalMapFromTheUi() {
        const view = createTemporaryObject(trainingComponent, root)
        verify(view)
        verify(App.session.hasDataset, "the session has the tiny GMD dataset")
        // A fresh folder under the system's temp location, never the user's library.
        const temp = String(StandardPaths.writableLocation(StandardPaths.TempLocation)).replace("file://", "")
        const folder = temp + "/gs-personalmap-" + Date.now()
        view.training.saveFolder = folder
        view.library.folder = folder

        // The advice names the dataset's size.
        verify(findChild(view, "choiceAdvice").text.indexOf(String(App.session.windowCount)) >= 0,
               findChild(view, "choiceAdvice").text)
        mouseClick(findChild(view, "choiceScratch"))
        compare(view.training.choice, "scratch")
        verify(findChild(view, "modelType").visible)
        mouseClick(findChild(view, "choiceMap"))
        compare(view.training.choice, "map")
        verify(!findChild(view, "modelType").visible, "the from-scratch settings fold away for a map")
        // The axes box: off by default, ticked by a click (the saved weight is checked in tst_trainingmodel).
        const axes = findChild(view, "mapAxes")
        verify(axes.visible)
        verify(!view.training.mapAxes)
        mouseClick(axes)
        verify(view.training.mapAxes, "a click on the box sets the map's axes")

        mouseClick(findChild(view, "startButton"))
        verify(view.training.running)
        tryVerify(() => !view.training.running, 120000)
        verify(view.training.message.indexOf("completed") >= 0 || view.training.message.indexOf("early-stopped") >= 0,
               view.training.message)
        verify(view.lossChart.trainSeries.count >= 1)
        const f1 = view.training.evaluation.hit_f1
        verify(f1 > 0 && f1 <= 1, "validation F1 through the map " + f1)
        const path = view.training.savedPath
        verify(path.indexOf(folder) === 0, path)
        verify(path.indexOf("map 2D") >= 0, "the file is named for a map: " + path)
        compare(App.session.modelPath, path)

        // The saved file is a map model that loads on its own (base embedded) from the library.
        view.library.refresh()
        tryVerify(() => view.library.rowOf(path) >= 0, 20000)
        modelSpy.clear()
        view.library.open(view.library.rowOf(path))
        tryVerify(() => modelSpy.count >= 1, 30000, "the library loaded the file: " + view.library.message)
        compare(App.session.modelPath, path)
        verify(App.session.hasModel)
    }
}
}
