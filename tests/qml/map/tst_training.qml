import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// A short training run started from the dashboard's Start button on the
// session's small real dataset: the loss series grow per epoch, and the
// trained model becomes the session's model.
Item {
    id: root
    width: 1000
    height: 700

TestCase {
    id: testCase
    name: "Training"
    when: windowShown
    width: 1000
    height: 700

    Component {
        id: trainingComponent
        TrainingView { width: 1000; height: 700 }
    }
    SignalSpy { id: modelSpy; target: App.session; signalName: "modelChanged" }

    function test_startTrainingFromTheUi() {
        const view = createTemporaryObject(trainingComponent, root)
        verify(view)
        verify(App.session.hasDataset, "the session has the tiny GMD dataset")
        view.training.saveFolder = ""  // tests never write to the user's library
        mouseClick(findChild(view, "choiceScratch"))  // the settings below apply to "Train from scratch"
        compare(view.training.choice, "scratch")
        view.training.settings.hidden = 64
        view.training.settings.batch = 16
        const epochs = findChild(view, "epochs")
        epochs.value = 3
        epochs.valueModified()
        compare(view.training.settings.epochs, 3)
        const start = findChild(view, "startButton")
        verify(start.enabled)
        modelSpy.clear()
        mouseClick(start)
        verify(view.training.running)
        compare(view.training.phase, "preparing")  // the training set is built on the run's thread
        const train = view.lossChart.trainSeries
        const validation = view.lossChart.validationSeries
        const lr = view.lossChart.lrSeries
        tryVerify(() => train.count >= 1, 60000, "a first epoch point")
        tryVerify(() => !view.training.running, 60000)
        compare(train.count, 3)
        compare(validation.count, 3)
        compare(lr.count, 3)
        verify(train.at(2).y < train.at(0).y, "the training loss falls")
        // Whole-epoch ticks: 0, 1, 2, 3 (five ticks over 0..3 would print 0, 0, 1, 2, 3).
        compare(view.lossChart.epochAxis.max, 3)
        compare(view.lossChart.epochAxis.tickCount, 4)
        compare(findChild(view, "trainProgress").value, 1)
        compare(modelSpy.count, 1)
        verify(App.session.hasModel)
        verify(findChild(view, "resumeButton").enabled)
        // The run was evaluated on the validation windows: the table beside the chart shows it.
        const f1 = view.training.evaluation.hit_f1
        verify(f1 > 0 && f1 <= 1, "validation F1 " + f1)
        verify(findChild(view, "runEvaluation").visible)
        compare(findChild(view, "evalF1").text, Number(f1).toFixed(3))
        const e = view.training.evaluation
        compare(findChild(view, "evalChange").text, Number(e.attribute_change_density).toFixed(2) + " / "
                + Number(e.attribute_change_velocity).toFixed(2) + " / " + Number(e.attribute_change_offset).toFixed(2))
        compare(view.training.phase, "")
    }
}
}
