// Prints the dossier lifecycle as Mermaid (`npm run diagram`); paste it into README.md.
import { dossierMermaid } from '../machines/dossier.diagram';

console.log(dossierMermaid());
