import QtQuick
import QtQuick3D
import QtQuick3D.Helpers
import Groovescape.Ui

// The latent space in 3D (PCA for latent sizes above 3): one instanced cube
// per window, the cursor as a sphere; orbit with the mouse, wheel to zoom,
// click a point to jump there and hear it. Renders only on a GPU-backed
// window (xvfb / a real display), not on the offscreen platform.
Item {
    id: root
    property MapController controller

    View3D {
        id: view
        objectName: "view3D"
        anchors.fill: parent
        environment: SceneEnvironment {
            clearColor: Theme.window
            backgroundMode: SceneEnvironment.Color
            antialiasingMode: SceneEnvironment.MSAA
        }
        Node {
            id: origin
            PerspectiveCamera { id: camera; position: Qt.vector3d(0, 0, 600); clipNear: 1; clipFar: 5000 }
        }
        DirectionalLight { eulerRotation.x: -30; eulerRotation.y: -40; brightness: 1.2 }
        DirectionalLight { eulerRotation.x: 40; eulerRotation.y: 140; brightness: 0.5 }
        Model {
            source: "#Cube"
            instancing: MapInstancing { id: instancing; model: root.controller.map; spread: 100; pointScale: 0.03 }
            materials: DefaultMaterial { diffuseColor: "white" }
        }
        Model {
            objectName: "cursor3D"
            source: "#Sphere"
            scale: Qt.vector3d(0.12, 0.12, 0.12)
            position: instancing.toScene(root.controller.cursor3D)
            materials: DefaultMaterial { diffuseColor: Theme.accent; lighting: DefaultMaterial.NoLighting }
        }
    }
    OrbitCameraController {
        anchors.fill: parent
        origin: origin
        camera: camera
    }
    TapHandler {
        onTapped: (point) => {
            const near = camera.mapFromViewport(Qt.vector3d(point.position.x / view.width, point.position.y / view.height, 0))
            const far = camera.mapFromViewport(Qt.vector3d(point.position.x / view.width, point.position.y / view.height, 1))
            const index = instancing.pickRay(near, far, 4)
            if (index >= 0)
                root.controller.jumpToPoint(index)
        }
    }
}
